// `wasmformer inspect <checkpoint>`: what is inside a model — config, parameter counts by formula vs
// by the tensors loaded, memory — and, for a prompt, one head's attention map and the next-token
// distribution at every step.
import type { Tokenizer } from "@wasmformer/tokenizer";
import type { Command, CommandContext } from "../command.js";
import { UsageError } from "../errors.js";
import { openCheckpoint } from "../model/open.js";
import type { LoadedCheckpoint } from "../model/types.js";
import { writeJson } from "../output.js";
import { renderHeatmap } from "../render/heatmap.js";
import { visible } from "../render/pieces.js";
import { formatBytes, formatTable, groupDigits } from "../render/table.js";
import { tokenizerFor } from "./run.js";

function summary(model: LoadedCheckpoint, ctx: CommandContext): string {
  const out: string[] = [ctx.out.bold(`${model.path}`) + ctx.out.dim(` (${model.format})`), "", ctx.out.bold("config")];
  const keys = Object.keys(model.config);
  const w = Math.max(...keys.map((k) => k.length));
  for (const k of keys) out.push(`  ${k.padEnd(w)}  ${String(model.config[k])}`);
  const rows = model.parameters();
  const totalFormula = rows.reduce((a, r) => a + r.byFormula, 0);
  const totalActual = rows.reduce((a, r) => a + r.actual, 0);
  out.push("", ctx.out.bold("parameters"));
  out.push(
    formatTable(
      ["component", "formula", "by formula", "actual"],
      [
        ...rows.map((r) => [r.component, r.formula, groupDigits(r.byFormula), groupDigits(r.actual) + (r.actual !== r.byFormula ? " *" : "")]),
        ["total", "", groupDigits(totalFormula), groupDigits(totalActual)],
      ],
    ).trimEnd(),
  );
  if (rows.some((r) => r.actual !== r.byFormula)) out.push("  * the loaded tensors differ from the formula for this component");
  out.push("", ctx.out.bold("memory"));
  out.push(formatTable(["held", "bytes"], model.memory().map((m) => [m.label, formatBytes(m.bytes)])).trimEnd());
  return `${out.join("\n")}\n`;
}

function promptIds(tokenizer: Tokenizer, prompt: string, model: LoadedCheckpoint): number[] {
  const ids = tokenizer.encode(prompt, { bos: true });
  if (ids.length > model.contextLength) throw new UsageError(`the prompt is ${ids.length} tokens, longer than the model's context of ${model.contextLength}`, "inspect");
  return ids;
}

function labels(tokenizer: Tokenizer, ids: readonly number[]): string[] {
  return ids.map((id) => tokenizer.idToPiece(id).replaceAll("\u2581", " "));
}

export const inspect: Command = {
  name: "inspect",
  summary: "show a checkpoint's config, parameter counts, memory, attention maps and next-token odds",
  usage: "<checkpoint> [options]",
  description:
    "Without options: the config, a parameter table (the count each component should have by its formula\n" +
    "next to the count of the tensors actually loaded) and the memory held. --attention TEXT draws the\n" +
    "attention of one layer and head over TEXT as a heatmap (rows: query tokens; columns: the tokens they\n" +
    "attend to; lighter = more). --top-k K lists, after each token of the prompt, the K most likely next tokens.",
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
    "wasmformer inspect stories260K.bin --json | jq .parameters",
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

    const model = await openCheckpoint(flags.positionals[0], { backend: ctx.global.backend, threads: ctx.global.threads });
    try {
      const layer = flags.number("layer") ?? 0;
      const head = flags.number("head") ?? 0;
      if (layer < 0 || layer >= model.layers) throw new UsageError(`--layer must be in 0..${model.layers - 1}, got ${layer}`, "inspect");
      if (head < 0 || head >= model.heads) throw new UsageError(`--head must be in 0..${model.heads - 1}, got ${head}`, "inspect");
      const tokenizer = prompt !== undefined ? tokenizerFor(model, flags.string("tokenizer")) : undefined;
      const ids = tokenizer && prompt !== undefined ? promptIds(tokenizer, prompt, model) : [];
      const attention = attentionText !== undefined ? model.attention(ids, layer, head) : undefined;
      const next = topK !== undefined ? model.topK(ids, topK) : undefined;

      if (ctx.global.json) {
        const rows = model.parameters();
        writeJson(ctx.io, {
          checkpoint: model.path,
          format: model.format,
          config: model.config,
          parameters: rows,
          totalByFormula: rows.reduce((a, r) => a + r.byFormula, 0),
          totalActual: rows.reduce((a, r) => a + r.actual, 0),
          memory: model.memory(),
          ...(attention && { attention: { layer, head, ids, weights: attention.map((r) => Array.from(r)) } }),
          ...(next && tokenizer && { topK: next.map((cands, i) => ({ after: ids[i], candidates: cands.map((c) => ({ ...c, piece: tokenizer.idToPiece(c.id) })) })) }),
        });
        return 0;
      }
      ctx.io.stdout.write(summary(model, ctx));
      if (attention && tokenizer) {
        ctx.io.stdout.write(`\n${ctx.out.bold(`attention, layer ${layer} head ${head}`)}\n`);
        ctx.io.stdout.write(renderHeatmap(attention, labels(tokenizer, ids), ctx.out));
      }
      if (next && tokenizer) {
        ctx.io.stdout.write(`\n${ctx.out.bold(`next-token top ${topK}`)}\n`);
        const texts = labels(tokenizer, ids);
        const w = Math.min(16, Math.max(...texts.map((t) => visible(t).length)));
        next.forEach((cands, i) => {
          const list = cands.map((c) => `${JSON.stringify(tokenizer.idToPiece(c.id).replaceAll("\u2581", " "))} ${(c.prob * 100).toFixed(1)}%`);
          ctx.io.stdout.write(`  ${visible(texts[i]).padEnd(w)} → ${list.join("  ")}\n`);
        });
      }
      return 0;
    } finally {
      model.dispose();
    }
  },
};
