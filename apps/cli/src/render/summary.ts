// `inspect`'s summary: the config, the parameter table (textbook formula vs the tensors loaded, with
// the model package's explanation of each difference) and the memory the model holds.
import type { ModelSummary } from "@wasmformer/model";
import type { Style } from "../terminal.js";
import { formatBytes, formatTable, groupDigits } from "./table.js";

const FIRST = ["dim", "hiddenDim", "layers", "heads", "kvHeads", "vocabSize", "maxSeqLen"];
const rank = (key: string): number => (FIRST.includes(key) ? FIRST.indexOf(key) : FIRST.length);

/** What the model holds, in bytes: the f32 weights actually loaded, the KV cache, the activations. */
/** What the model holds in the kernels heap: weights as stored (packed matrices' padding included), KV cache, activations. */
export function memoryOf(s: ModelSummary, heapReserved: number) {
  const { weights, kvCache, activations, total } = s.memory;
  return { weights, kvCache, activations, total, heapReserved };
}

export function renderSummary(path: string, detail: string, s: ModelSummary, heapReserved: number, style: Style): string {
  const out: string[] = [style.bold(path) + style.dim(` (${detail})`), "", style.bold("config")];
  // Sizes first, then the architecture choices.
  const entries = Object.entries(s.config).sort(([a], [b]) => rank(a) - rank(b));
  const w = Math.max(...entries.map(([k]) => k.length));
  for (const [k, v] of entries) out.push(`  ${k.padEnd(w)}  ${String(v)}`);

  const rows = s.parameters;
  const byFormula = rows.reduce((n, r) => n + r.expected, 0);
  out.push("", style.bold("parameters"));
  out.push(
    formatTable(
      ["component", "formula", "by formula", "actual"],
      [
        ...rows.map((r) => [r.component, r.formula, groupDigits(r.expected), groupDigits(r.actual) + (r.actual !== r.expected ? " *" : "  ")]),
        ["total", "", groupDigits(byFormula), groupDigits(s.totalParameters) + (s.totalParameters !== byFormula ? " *" : "  ")],
      ],
    ).trimEnd(),
  );
  const notes = rows.filter((r) => r.note);
  if (notes.length) {
    out.push("");
    for (const r of notes) out.push(`  ${r.actual !== r.expected ? "* " : "  "}${r.component}: ${r.note}`);
  }

  const m = memoryOf(s, heapReserved);
  out.push("", style.bold("memory"));
  out.push(
    formatTable(
      ["held", "bytes", ""],
      [
        ["weights (f32, as stored)", String(m.weights), formatBytes(m.weights)],
        ["KV cache", String(m.kvCache), formatBytes(m.kvCache)],
        ["activations", String(m.activations), formatBytes(m.activations)],
        ["total", String(m.total), formatBytes(m.total)],
        ["kernels heap", String(m.heapReserved), formatBytes(m.heapReserved)],
      ],
    ).trimEnd(),
  );
  return `${out.join("\n")}\n`;
}
