// Generation with llama2.c's run.c semantics over the model package's generate(): the prompt is
// encoded with BOS, echoed (prompt[1..]), `steps` counts positions including the prompt (so at most
// steps - promptTokens + 1 tokens are sampled), and the text is printed token by token.
import {
  type Sampler,
  type Transformer,
  createLlama2cSampler,
  createSampler,
  generate,
} from "@wasmformer/model";
import type { Tokenizer } from "@wasmformer/tokenizer";
import { runcPieceBytes } from "../render/runc-printer.js";
import { encodePrompt, idsPastTokenizer } from "./prompt.js";

export interface RunSettings {
  prompt: string;
  /** Positions to run, prompt included, already clamped to the context (run.c's steps). */
  steps: number;
  sampler: "default" | "llama2c";
  temperature: number;
  topP: number;
  topK: number;
  seed: number;
}

export interface RunOutcome {
  promptIds: number[];
  /** Generated ids (the prompt excluded). */
  ids: number[];
  /** Generated text (the prompt excluded), as printed. */
  text: string;
  prefillTokensPerSecond: number | null;
  decodeTokensPerSecond: number | null;
}

type Write = (chunk: Uint8Array | string) => void;

/**
 * Prints tokens: with run.c's byte rules (for --sampler llama2c: byte-identical output), or as the
 * UTF-8-safe text the tokenizer's stream decoder gives. Returns the text of what it printed.
 */
function makePrinter(tokenizer: Tokenizer, runcBytes: boolean, write: Write) {
  const utf8 = new TextDecoder();
  return {
    /** The prompt after BOS, as run.c echoes it (a first token that is not special is printed too). */
    echo(ids: readonly number[]): void {
      if (runcBytes) {
        const special = ids[0] === tokenizer.bosId || ids[0] === tokenizer.eosId;
        if (!special && ids.length > 0) write(tokenizer.decodeBytes([ids[0]!]));
        for (let i = 1; i < ids.length; i++) this.bytes(ids[i - 1]!, ids[i]!);
        return;
      }
      const stream = tokenizer.streamDecoder({ skipSpecial: true });
      let text = "";
      for (const id of ids) text += stream.push(id);
      text += stream.flush();
      if (text) write(text);
    },
    /** `next` printed after `previous` with run.c's rules; returns its text. */
    bytes(previous: number, next: number): string {
      const bytes = runcPieceBytes(tokenizer, previous, next);
      if (bytes.length > 0) write(bytes);
      return utf8.decode(bytes, { stream: true });
    },
    text(text: string): string {
      if (text) write(text);
      return text;
    },
    finish(): string {
      return runcBytes ? utf8.decode() : "";
    },
  };
}

function makeSampler(s: RunSettings): Sampler {
  if (s.sampler === "llama2c") return createLlama2cSampler({ temperature: s.temperature, topP: s.topP, seed: s.seed });
  return createSampler({ temperature: s.temperature, topP: s.topP, topK: s.topK, seed: s.seed });
}

const finite = (x: number): number | null => (Number.isFinite(x) && x > 0 ? x : null);

export async function generateLikeRunc(model: Transformer, tokenizer: Tokenizer, s: RunSettings, write: Write): Promise<RunOutcome> {
  const llama2c = s.sampler === "llama2c";
  const context = model.config.maxSeqLen;
  const promptIds = encodePrompt(tokenizer, s.prompt, context);
  const printer = makePrinter(tokenizer, llama2c, write);
  printer.echo(promptIds.slice(0, s.steps + 1));

  const outcome: RunOutcome = { promptIds, ids: [], text: "", prefillTokensPerSecond: null, decodeTokensPerSecond: null };
  const maxTokens = s.steps - promptIds.length + 1;
  if (maxTokens < 1) return outcome; // run.c: the steps end inside the prompt

  const sampler = makeSampler(s);
  // run.c stops only when BOS is sampled; the everyday sampler also stops at EOS. Both stop at an id
  // of a padded vocabulary that the tokenizer cannot print.
  const specials = llama2c ? [tokenizer.bosId] : [tokenizer.eosId, tokenizer.bosId];
  const stopTokens = [...specials.filter((id): id is number => id !== undefined), ...idsPastTokenizer(tokenizer, model.config.vocabSize)];
  const run = generate(model, tokenizer, { prompt: promptIds, maxTokens, sampler, stopTokens });
  let previous = promptIds[promptIds.length - 1]!;
  const emit = (id: number, text: string): void => {
    if (id >= 0) outcome.ids.push(id);
    outcome.text += llama2c ? (id >= 0 ? printer.bytes(previous, id) : "") : printer.text(text);
    if (id >= 0) previous = id;
  };
  for await (const token of run) emit(token.id, token.text);
  const stats = run.stats!;
  outcome.text += printer.finish();
  outcome.prefillTokensPerSecond = finite(stats.prefillTokensPerSecond);
  outcome.decodeTokensPerSecond = finite(stats.decodeTokensPerSecond);
  return outcome;
}
