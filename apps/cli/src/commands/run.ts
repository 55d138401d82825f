// `wasmformer run <checkpoint>`: generation with llama2.c's run.c semantics — positions counted from
// the BOS-prefixed prompt (-n includes the prompt), the prompt echoed, generation ending when BOS is
// sampled — streaming each token to stdout and the speed to stderr.
import type { Command, CommandContext } from "../command.js";
import { generateLikeRunc } from "../model/generate-runc.js";
import { openCheckpoint, threadsNote } from "../model/open.js";
import { tokenizerFor } from "../model/tokenizer.js";
import { writeJson } from "../output.js";
import { RUN_FLAGS, readRunOptions } from "./run-options.js";

export const run: Command = {
  name: "run",
  summary: "generate text from a checkpoint (llama2.c's run flags: -z -t -p -s -n -i)",
  usage: "<checkpoint> [options]",
  description:
    "Runs a llama2.c .bin checkpoint or a Hugging Face model directory (config.json + model.safetensors,\n" +
    "llama or gpt2) and streams the text to stdout: the prompt, then the continuation, then a newline —\n" +
    "as run.c prints it. -n counts positions including the prompt (BOS too). Speed goes to stderr. With\n" +
    "--sampler llama2c the sampler and its RNG are run.c's, so stdout is byte-identical to `./run` with\n" +
    "the same flags; the default sampler also takes --top-k and stops at EOS as well as BOS. --json prints\n" +
    "{ text, ids, promptTokens, generatedTokens, prefillTokensPerSecond, decodeTokensPerSecond } (text and\n" +
    "ids: the continuation without the prompt).",
  flags: RUN_FLAGS,
  examples: [
    "wasmformer run stories260K.bin -z tok512.bin -t 0 -n 200",
    'wasmformer run stories260K.bin -z tok512.bin -t 1.0 -p 0.9 -s 133742 --sampler llama2c -i "Once upon a time"',
    'wasmformer run stories260K.bin -z tok512.bin --temperature 0.8 --top-k 40 --seed 7 --steps 128 --prompt "The dragon"',
    "wasmformer run ./my-hf-llama --backend wasm --threads 2 -n 64 -i \"Hello\"     # tokenizer.json inside the directory",
    "wasmformer run stories260K.bin -z tok512.bin -t 0 --json | jq .decodeTokensPerSecond",
  ],
  async run(ctx: CommandContext) {
    const opts = readRunOptions(ctx.flags);
    const checkpoint = await openCheckpoint(opts.checkpoint, { backend: ctx.global.backend, threads: ctx.global.threads });
    try {
      const { model, kernels } = checkpoint;
      const note = threadsNote(checkpoint, ctx.global.threads);
      if (note) ctx.log(ctx.err.yellow(note));
      const tokenizer = tokenizerFor(checkpoint, opts.tokenizer);
      // run.c: 0 or more than the context means the whole context.
      const context = model.config.maxSeqLen;
      const steps = opts.steps === 0 || opts.steps > context ? context : opts.steps;
      const json = ctx.global.json;
      const write = json ? () => {} : (chunk: Uint8Array | string) => void ctx.io.stdout.write(chunk);
      const g = await generateLikeRunc(model, tokenizer, { ...opts, steps }, write);
      if (json) {
        writeJson(ctx.io, {
          text: g.text,
          ids: g.ids,
          promptTokens: g.promptIds.length,
          generatedTokens: g.ids.length,
          prefillTokensPerSecond: g.prefillTokensPerSecond,
          decodeTokensPerSecond: g.decodeTokensPerSecond,
        });
      } else {
        ctx.io.stdout.write("\n");
        const fmt = (r: number | null) => (r === null ? "–" : r.toFixed(1));
        const on = `${kernels.info.variant}${kernels.info.threads > 1 ? `, ${kernels.info.threads} threads` : ""}`;
        ctx.log(
          ctx.err.dim(
            `${g.promptIds.length} prompt + ${g.ids.length} generated tokens · prefill ${fmt(g.prefillTokensPerSecond)} tok/s · decode ${fmt(g.decodeTokensPerSecond)} tok/s (${on})`,
          ),
        );
      }
      return 0;
    } finally {
      checkpoint.dispose();
    }
  },
};
