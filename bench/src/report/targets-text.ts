// The targets as a plain table for stdout (the markdown report has its own).
import type { TargetOutcome } from "./target-checks.js";
import { textTable } from "./text-table.js";

export const outcomeMark = (met: boolean | null): string => (met === null ? "not measured" : met ? "met" : "MISSED");

export function targetsTable(outcomes: TargetOutcome[]): string {
  if (outcomes.length === 0) return "";
  return textTable(["target", "case", "measured", "result"], outcomes.map((o) => [o.target, o.case, o.measured, outcomeMark(o.met)]));
}
