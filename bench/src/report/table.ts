// The stdout table: one block per suite, one row per (case, impl), with only the unit columns the
// suite uses.
import type { CaseResult, ImplResult } from "../types.js";
import { checkText, duration, ratio, sig3 } from "./format.js";
import { textTable } from "./text-table.js";

type Column = { title: string; cell: (r: ImplResult) => string; used: (cases: CaseResult[]) => boolean };

/** "loadMs=12 heapMB=40": the per-impl figures a suite reports beside the timing (model load, memory, vocab). */
export function extrasText(extras: Record<string, number> | undefined): string {
  return extras === undefined ? "" : Object.entries(extras).map(([k, v]) => `${k}=${v}`).join(" ");
}

const has = (key: keyof ImplResult) => (cases: CaseResult[]) => cases.some((c) => c.impls.some((r) => r[key] !== undefined));

const COLUMNS: Column[] = [
  { title: "median", cell: (r) => duration(r.medianMs), used: () => true },
  { title: "GFLOP/s", cell: (r) => (r.gflops === undefined ? "" : sig3(r.gflops)), used: has("gflops") },
  { title: "GB/s", cell: (r) => (r.gbps === undefined ? "" : sig3(r.gbps)), used: has("gbps") },
  { title: "Melem/s", cell: (r) => (r.melems === undefined ? "" : sig3(r.melems)), used: has("melems") },
  { title: "MB/s", cell: (r) => (r.mbps === undefined ? "" : sig3(r.mbps)), used: has("mbps") },
  { title: "tok/s", cell: (r) => (r.toks === undefined ? "" : sig3(r.toks)), used: has("toks") },
  { title: "vs js", cell: (r) => ratio(r.vsJs), used: has("vsJs") },
  { title: "vs best ext", cell: (r) => (r.vsBestExternal === undefined ? "" : `${ratio(r.vsBestExternal)} ${r.bestExternal}`), used: has("vsBestExternal") },
  { title: "check", cell: checkText, used: () => true },
  { title: "extras", cell: (r) => extrasText(r.extras), used: has("extras") },
];

export function suiteTable(cases: CaseResult[]): string {
  const cols = COLUMNS.filter((c) => c.used(cases));
  const rows: string[][] = [];
  for (const c of cases) {
    c.impls.forEach((r, i) => rows.push([i === 0 ? c.id : "", r.impl, ...cols.map((col) => col.cell(r))]));
  }
  const notes = cases.flatMap((c) => c.notes.map((n) => `  note (${c.id}): ${n}`));
  return [textTable(["case", "impl", ...cols.map((c) => c.title)], rows), ...notes].join("\n");
}

export function resultsTable(cases: CaseResult[]): string {
  const suites = [...new Set(cases.map((c) => c.suite))];
  return suites.map((s) => `## ${s}\n${suiteTable(cases.filter((c) => c.suite === s))}`).join("\n\n");
}
