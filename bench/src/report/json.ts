// The JSON report (`--json FILE`): machine info, what ran, every figure, the targets.
import { writeFileSync } from "node:fs";
import type { MachineInfo } from "../machine.js";
import type { CaseResult } from "../types.js";
import type { TargetOutcome } from "./targets.js";

export const REPORT_SCHEMA = "wasmformer-bench/1";

export interface SuiteStatus {
  name: string;
  status: "ran" | "skipped" | "failed";
  reason?: string;
  cases: number;
}

export interface EnginesSummary {
  kernels: Array<{ name: string; kind: string; threads: number; reason: string }>;
  externals: Array<{ name: string; version: string; threads: number }>;
  notes: string[];
}

export interface BenchReport {
  schema: typeof REPORT_SCHEMA;
  startedAt: string;
  durationS: number;
  command: string;
  options: { quick: boolean; suites: string[]; grep: string[]; externals: boolean };
  machine: MachineInfo;
  engines: EnginesSummary;
  suites: SuiteStatus[];
  results: CaseResult[];
  targets: TargetOutcome[];
}

/** JSON has no NaN/Infinity: write them as null. */
function finiteOrNull(_key: string, value: unknown): unknown {
  return typeof value === "number" && !Number.isFinite(value) ? null : value;
}

export function reportJson(report: BenchReport): string {
  return JSON.stringify(report, finiteOrNull, 2) + "\n";
}

export function writeJsonReport(path: string, report: BenchReport): void {
  writeFileSync(path, reportJson(report));
}
