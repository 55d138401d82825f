// The markdown report written to bench/results/: machine, targets, a pivot table per suite
// (cases × impls, headline unit) and an SVG chart per GFLOP/s suite.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describeMachine } from "../machine.js";
import type { CaseResult } from "../types.js";
import { metricValue, sig3 } from "./format.js";
import type { BenchReport } from "./json.js";
import { barChartSvg } from "./svg-chart.js";
import { resultsTable } from "./table.js";
import { targetSummary } from "./targets.js";

function mdTable(header: string[], rows: string[][]): string {
  const esc = (s: string): string => s.replace(/\|/g, "\\|");
  return [
    `| ${header.map(esc).join(" | ")} |`,
    `|${header.map((_, i) => (i < 1 ? "---" : "---:")).join("|")}|`,
    ...rows.map((r) => `| ${r.map(esc).join(" | ")} |`),
  ].join("\n");
}

/** Cases as rows, impls as columns, the headline unit in the cells (✗ marks a failed agreement check). */
export function pivotTable(cases: CaseResult[]): string {
  const impls = [...new Set(cases.flatMap((c) => c.impls.map((r) => r.impl)))];
  const rows = cases.map((c) => [
    `${c.id} (${c.metric})`,
    ...impls.map((name) => {
      const r = c.impls.find((x) => x.impl === name);
      if (!r) return "";
      if (r.error !== undefined) return "error";
      const v = metricValue(r, c.metric);
      return v === undefined ? "" : `${sig3(v)}${r.check && !r.check.ok ? " ✗" : ""}`;
    }),
  ]);
  return mdTable(["case", ...impls], rows);
}

export function writeMarkdownReport(dir: string, report: BenchReport): string {
  mkdirSync(dir, { recursive: true });
  const out: string[] = [];
  out.push(`# wasmformer bench report`, "");
  out.push(`- command: \`${report.command}\``);
  out.push(`- started: ${report.startedAt}, took ${sig3(report.durationS)} s${report.options.quick ? " (**--quick smoke run: not for speed claims**)" : ""}`);
  out.push(`- machine: ${describeMachine(report.machine)}; relaxed SIMD: ${report.machine.relaxedSimd}`);
  out.push(`- kernels: ${report.engines.kernels.map((k) => k.name).join(", ") || "none (package not built)"}`);
  out.push(`- external libraries: ${report.engines.externals.map((e) => `${e.name} ${e.version}`).join("; ") || "none"}`);
  for (const n of report.engines.notes) out.push(`- note: ${n}`);
  out.push("");

  out.push(`## Targets`, "", targetSummary(report.targets), "");
  if (report.targets.length > 0) {
    const mark = (m: boolean | null): string => (m === null ? "–" : m ? "met" : "missed");
    out.push(mdTable(["target", "case", "measured", ""], report.targets.map((t) => [t.target, t.case, t.measured, mark(t.met)])), "");
  }

  for (const s of report.suites) {
    out.push(`## ${s.name}`, "");
    if (s.status !== "ran") {
      out.push(`${s.status}: ${s.reason ?? ""}`, "");
      continue;
    }
    const cases = report.results.filter((c) => c.suite === s.name);
    out.push(pivotTable(cases), "");
    if (cases.some((c) => c.metric === "GFLOP/s")) {
      const file = `${s.name}-gflops.svg`;
      const gflopCases = cases.filter((c) => c.metric === "GFLOP/s");
      writeFileSync(join(dir, file), barChartSvg(`${s.name}: GFLOP/s by shape (${report.machine.cpu})`, gflopCases, "GFLOP/s"));
      out.push(`![${s.name} GFLOP/s by shape](${file})`, "");
    }
    for (const c of cases) for (const n of c.notes) out.push(`- note (${c.id}): ${n}`);
    out.push("");
  }
  out.push(`## Full table`, "", "```", resultsTable(report.results), "```", "");
  const path = join(dir, "report.md");
  writeFileSync(path, out.join("\n"));
  return path;
}
