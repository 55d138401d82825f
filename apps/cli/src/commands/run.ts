// `wasmformer run <checkpoint>`: generation with llama2.c's run.c semantics — positions counted from
// the BOS-prefixed prompt (-n includes the prompt), the prompt echoed, generation ending when BOS is
// sampled — streaming each token to stdout and the speed to stderr.
import { existsSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Tokenizer } from "@wasmformer/tokenizer";
import type { Command, CommandContext } from "../command.js";
import { CliError } from "../errors.js";
import { openCheckpoint } from "../model/open.js";
import type { LoadedCheckpoint } from "../model/types.js";
import { writeJson } from "../output.js";
import { runcPieceBytes } from "../render/runc-printer.js";
import { loadTokenizerFile } from "../tokenizer-source.js";
import { RUN_FLAGS, type RunOptions, readRunOptions } from "./run-options.js";

/** tokenizer.bin / tokenizer.json beside the checkpoint (or inside a model directory). */
export function tokenizerBeside(checkpoint: string): string | undefined {
  const dir = existsSync(checkpoint) && statSync(checkpoint).isDirectory() ? checkpoint : dirname(checkpoint);
  return ["tokenizer.json", "tokenizer.model", "tokenizer.bin"].map((f) => join(dir, f)).find((p) => existsSync(p));
}

/** The checkpoint's tokenizer: -z, else one beside it; its vocabulary must be the model's. */
export function tokenizerFor(model: LoadedCheckpoint, explicit: string | undefined): Tokenizer {
  const path = explicit ?? tokenizerBeside(model.path);
  if (path === undefined) {
    throw new CliError(`no tokenizer for ${model.path}: pass -z FILE (no tokenizer.json, tokenizer.model or tokenizer.bin beside it)`);
  }
  const tokenizer = loadTokenizerFile(path);
  if (tokenizer.vocabSize !== model.vocabSize) {
    throw new CliError(`tokenizer ${path} has ${tokenizer.vocabSize} ids but ${model.path} has a vocabulary of ${model.vocabSize}: they do not belong together`);
  }
  return tokenizer;
}

interface Generation {
  promptIds: number[];
  ids: number[];
  text: string;
  prefillSeconds: number;
  decodeSeconds: number;
  /** Tokens fed one at a time after the prompt. */
  decodeSteps: number;
}

/** A writer of token text: run.c's byte rules for --sampler llama2c, else the UTF-8-safe stream decoder. */
function makePrinter(tokenizer: Tokenizer, runcBytes: boolean, write: (chunk: Uint8Array | string) => void) {
  const stream = tokenizer.streamDecoder({ skipSpecial: true });
  const utf8 = new TextDecoder();
  let primed = false;
  return {
    /** Prints `next` fed after `previous`; returns its text. */
    emit(previous: number, next: number): string {
      if (runcBytes) {
        const bytes = runcPieceBytes(tokenizer, previous, next);
        if (bytes.length > 0) write(bytes);
        return utf8.decode(bytes, { stream: true });
      }
      if (!primed) stream.push(previous);
      primed = true;
      const delta = stream.push(next);
      if (delta) write(delta);
      return delta;
    },
    /** Prints whatever is pending (an incomplete character); returns its text. */
    finish(): string {
      const rest = runcBytes ? utf8.decode() : stream.flush();
      if (rest) write(rest);
      return rest;
    },
  };
}

function generate(model: LoadedCheckpoint, tokenizer: Tokenizer, opts: RunOptions, steps: number, write: (chunk: Uint8Array | string) => void): Generation {
  const llama2c = opts.sampler === "llama2c";
  const promptIds = tokenizer.encode(opts.prompt, { bos: true });
  if (promptIds.length < 1) throw new CliError("the prompt encodes to no tokens (the tokenizer has no BOS?)");
  if (promptIds.length > model.contextLength) {
    throw new CliError(`the prompt is ${promptIds.length} tokens, longer than the model's context of ${model.contextLength}`);
  }
  const stopIds = new Set<number>();
  if (tokenizer.bosId !== undefined) stopIds.add(tokenizer.bosId);
  if (!llama2c && tokenizer.eosId !== undefined) stopIds.add(tokenizer.eosId);
  const sampler = model.sampler({ kind: opts.sampler, temperature: opts.temperature, topP: opts.topP, topK: opts.topK, seed: opts.seed });
  const printer = makePrinter(tokenizer, llama2c, write);

  // run.c echoes the prompt: at position p it prints prompt[p + 1], for p < steps.
  const echoed = Math.min(promptIds.length - 1, steps);
  for (let i = 1; i <= echoed; i++) printer.emit(promptIds[i - 1], promptIds[i]);

  const ids: number[] = [];
  let text = "";
  let prefillSeconds = 0;
  let decodeSeconds = 0;
  let decodeSteps = 0;
  if (steps >= promptIds.length) {
    const t0 = performance.now();
    let logits = model.prefill(promptIds);
    prefillSeconds = (performance.now() - t0) / 1000;
    let token = promptIds[promptIds.length - 1];
    let pos = promptIds.length;
    const t1 = performance.now();
    for (;;) {
      const next = sampler.sample(logits);
      if (stopIds.has(next)) break;
      text += printer.emit(token, next);
      ids.push(next);
      token = next;
      if (pos >= steps) break;
      logits = model.forward(token, pos++);
      decodeSteps++;
    }
    decodeSeconds = (performance.now() - t1) / 1000;
  }
  text += printer.finish();
  return { promptIds, ids, text, prefillSeconds, decodeSeconds, decodeSteps };
}

function rate(tokens: number, seconds: number): number | null {
  return tokens > 0 && seconds > 0 ? tokens / seconds : null;
}

export const run: Command = {
  name: "run",
  summary: "generate text from a checkpoint (llama2.c's run flags: -z -t -p -s -n -i)",
  usage: "<checkpoint> [options]",
  description:
    "Runs a llama2.c .bin checkpoint (or a Hugging Face model directory with model.safetensors + config.json)\n" +
    "and streams the text to stdout: the prompt, then the continuation, then a newline — as run.c prints it.\n" +
    "Speed goes to stderr. With --sampler llama2c the sampler and its RNG are run.c's, so stdout is\n" +
    "byte-identical to `./run` with the same flags. --json prints { text, ids, promptTokens, generatedTokens,\n" +
    "prefillTokensPerSecond, decodeTokensPerSecond } (text and ids: the continuation without the prompt).",
  flags: RUN_FLAGS,
  examples: [
    "wasmformer run stories260K.bin -z tok512.bin -t 0 -n 200",
    'wasmformer run stories15M.bin -z tokenizer.bin -t 1.0 -p 0.9 -s 133742 --sampler llama2c -i "Once upon a time"',
    'wasmformer run stories15M.bin --temperature 0.8 --top-k 40 --seed 7 --steps 128 --prompt "The dragon"',
    "wasmformer run stories260K.bin -z tok512.bin -t 0 --json | jq .decodeTokensPerSecond",
  ],
  async run(ctx: CommandContext) {
    const opts = readRunOptions(ctx.flags);
    const model = await openCheckpoint(opts.checkpoint, { backend: ctx.global.backend, threads: ctx.global.threads });
    try {
      const tokenizer = tokenizerFor(model, opts.tokenizer);
      // run.c: 0 or more than the context means the whole context.
      const steps = opts.steps === 0 || opts.steps > model.contextLength ? model.contextLength : opts.steps;
      const json = ctx.global.json;
      const write = json ? () => {} : (chunk: Uint8Array | string) => void ctx.io.stdout.write(chunk);
      const g = generate(model, tokenizer, opts, steps, write);
      const prefillRate = rate(g.promptIds.length, g.prefillSeconds);
      const decodeRate = rate(g.decodeSteps, g.decodeSeconds);
      if (json) {
        writeJson(ctx.io, {
          text: g.text,
          ids: g.ids,
          promptTokens: g.promptIds.length,
          generatedTokens: g.ids.length,
          prefillTokensPerSecond: prefillRate,
          decodeTokensPerSecond: decodeRate,
        });
      } else {
        ctx.io.stdout.write("\n");
        const fmt = (r: number | null) => (r === null ? "–" : r.toFixed(1));
        ctx.log(
          ctx.err.dim(`${g.promptIds.length} prompt + ${g.ids.length} generated tokens · prefill ${fmt(prefillRate)} tok/s · decode ${fmt(decodeRate)} tok/s`),
        );
      }
      return 0;
    } finally {
      model.dispose();
    }
  },
};
