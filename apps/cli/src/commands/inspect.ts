// `wasmformer inspect <checkpoint>`: what is inside a model — config, parameter counts by formula vs
// by the tensors loaded, memory — and, for a prompt, one head's attention map and the next-token
// distribution at every step.
import { summarizeModel } from "@wasmformer/model";
import type { Command } from "../command.js";
import { UsageError } from "../errors.js";
import { type OpenedCheckpoint, openCheckpoint, threadsNote } from "../model/open.js";
import { attentionMap, nextTokens } from "../model/probe.js";
import { encodePrompt, tokenLabel } from "../model/prompt.js";
import { tokenizerFor } from "../model/tokenizer.js";
import { writeJson } from "../output.js";
import { renderHeatmap } from "../render/heatmap.js";
import { memoryOf, renderSummary } from "../render/summary.js";
import { visible } from "../render/pieces.js";

function backendName(c: OpenedCheckpoint): string {
  const { variant, threads } = c.kernels.info;
  return `${variant}${threads > 1 ? `, ${threads} threads` : ""}`;
}

export const inspect: Command = {
  name: "inspect",
  summary: "show a checkpoint's config, parameter counts, memory, attention maps and next-token odds",
  usage: "<checkpoint> [options]",
  description:
    "Without options: the config, a parameter table (the count each component should have by its textbook\n" +
    "formula next to the count of the tensors actually loaded, differences explained) and the memory held\n" +
    "(--json: all of it, plus whatever --attention and --top-k ask for).\n" +
    "--attention TEXT draws the attention of one layer and head over TEXT as a heatmap (rows: query tokens;\n" +
    "columns: the tokens they attend to, labelled vertically underneath; darker shades = more attention,\n" +
    "scaled per row; the causal upper triangle stays empty). --top-k K lists, after each token of the prompt,\n" +
    "the K most likely next tokens.",
  flags: [
    { name: "tokenizer", short: "z", kind: "string", value: "FILE", help: "tokenizer file (default: one beside the checkpoint)" },
    { name: "attention", kind: "string", value: "TEXT", help: "draw the attention map over TEXT (BOS is prepended)" },
    { name: "layer", kind: "int", value: "L", help: "layer for --attention (default 0)" },
    { name: "head", kind: "int", value: "H", help: "head for --attention (default 0)" },
    { name: "top-k", kind: "int", value: "K", help: "after each prompt token, the K most likely next tokens (prompt from --attention or --prompt)" },
    { name: "prompt", short: "i", kind: "string", value: "TEXT", help: "the prompt for --top-k when --attention is not given" },
  ],
  examples: [
    "wasmformer inspect stories260K.bin",
    'wasmformer inspect stories260K.bin -z tok512.bin --attention "Lily saw a big red ball" --layer 4 --head 2',
    'wasmformer inspect stories260K.bin -z tok512.bin --top-k 5 -i "Once upon a time"',
    "wasmformer inspect ./my-hf-model --json | jq .parameters",
  ],
  async run(ctx) {
    const { flags } = ctx;
    if (flags.positionals.length !== 1) throw new UsageError("expected exactly one <checkpoint>", "inspect");
    const topK = flags.number("top-k");
    const attentionText = flags.string("attention");
    const prompt = attentionText ?? flags.string("prompt");
    if (topK !== undefined && (topK < 1 || topK > 100)) throw new UsageError(`--top-k must be between 1 and 100, got ${topK}`, "inspect");
    if (topK !== undefined && prompt === undefined) throw new UsageError("--top-k needs a prompt: --prompt TEXT or --attention TEXT", "inspect");
    if (attentionText === undefined && (flags.has("layer") || flags.has("head"))) throw new UsageError("--layer and --head go with --attention TEXT", "inspect");

    const checkpoint = await openCheckpoint(flags.positionals[0]!, { backend: ctx.global.backend, threads: ctx.global.threads });
    try {
      const { model } = checkpoint;
      const note = threadsNote(checkpoint, ctx.global.threads);
      if (note) ctx.log(ctx.err.yellow(note));
      const { layers, heads, maxSeqLen } = model.config;
      const layer = flags.number("layer") ?? 0;
      const head = flags.number("head") ?? 0;
      if (layer < 0 || layer >= layers) throw new UsageError(`--layer must be in 0..${layers - 1}, got ${layer}`, "inspect");
      if (head < 0 || head >= heads) throw new UsageError(`--head must be in 0..${heads - 1}, got ${head}`, "inspect");
      const tokenizer = prompt !== undefined ? tokenizerFor(checkpoint, flags.string("tokenizer")) : undefined;
      const ids = tokenizer && prompt !== undefined ? encodePrompt(tokenizer, prompt, maxSeqLen) : [];
      const attention = attentionText !== undefined ? attentionMap(model, ids, layer, head) : undefined;
      const next = topK !== undefined ? nextTokens(model, ids, topK) : undefined;
      const summary = summarizeModel(model.config);

      if (ctx.global.json) {
        writeJson(ctx.io, {
          checkpoint: checkpoint.path,
          format: checkpoint.format,
          backend: checkpoint.kernels.info.variant,
          config: summary.config,
          parameters: summary.parameters,
          totalByFormula: summary.parameters.reduce((n, r) => n + r.expected, 0),
          totalParameters: summary.totalParameters,
          memory: memoryOf(summary, checkpoint.kernels.memoryBytes),
          ...(attention && { attention: { layer, head, ids, weights: attention.map((r) => Array.from(r)) } }),
          ...(next &&
            tokenizer && {
              topK: next.map((cands, i) => ({
                position: i,
                token: ids[i],
                piece: tokenLabel(tokenizer, ids[i]!),
                next: cands.map((c) => ({ id: c.id, piece: tokenLabel(tokenizer, c.id), probability: c.probability })),
              })),
            }),
        });
        return 0;
      }
      // Asked for a prompt's attention or next tokens: those alone; otherwise the summary.
      if (!attention && !next) {
        ctx.io.stdout.write(renderSummary(checkpoint.path, `${checkpoint.format}, ${backendName(checkpoint)}`, summary, checkpoint.kernels.memoryBytes, ctx.out));
      }
      if (attention && tokenizer) {
        ctx.io.stdout.write(`${ctx.out.bold(`attention, layer ${layer} head ${head}`)}\n`);
        ctx.io.stdout.write(renderHeatmap(attention, ids.map((id) => tokenLabel(tokenizer, id)), ctx.out));
      }
      if (next && tokenizer) {
        ctx.io.stdout.write(`${attention ? "\n" : ""}${ctx.out.bold(`next token, top ${topK}`)}\n`);
        const texts = ids.map((id) => visible(tokenLabel(tokenizer, id)));
        const w = Math.min(16, Math.max(...texts.map((t) => t.length)));
        next.forEach((cands, i) => {
          const list = cands.map((c) => `${JSON.stringify(tokenLabel(tokenizer, c.id))} ${(c.probability * 100).toFixed(1)}%`);
          ctx.io.stdout.write(`  ${texts[i]!.padEnd(w)} → ${list.join("  ")}\n`);
        });
      }
      return 0;
    } finally {
      checkpoint.dispose();
    }
  },
};
