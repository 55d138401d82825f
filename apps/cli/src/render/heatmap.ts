// An attention map in the terminal: one row per query token, one cell per key token, lighter = less
// attention. With colour: 256-colour grey backgrounds; without: the ramp "·░▒▓█". Keys a query cannot
// see (the causal upper triangle) stay blank.
import type { Style } from "../terminal.js";
import { visible } from "./pieces.js";

const RAMP = ["· ", "░░", "▒▒", "▓▓", "██"];
const CELL = 2;

function label(s: string, width: number): string {
  const v = visible(s);
  return v.length > width ? `${v.slice(0, width - 1)}…` : v.padEnd(width);
}

/**
 * weights[q][k] for k ≤ q (causal; missing entries render blank). Labels are token texts.
 * Cells are scaled by the row maximum so each query's focus is visible even when spread thin.
 */
export function renderHeatmap(weights: readonly ArrayLike<number>[], labels: readonly string[], style: Style): string {
  const width = Math.min(12, Math.max(4, ...labels.map((l) => visible(l).length)));
  const out: string[] = [];
  for (let q = 0; q < weights.length; q++) {
    const row = weights[q];
    let max = 0;
    for (let k = 0; k < row.length; k++) max = Math.max(max, row[k]);
    let cells = "";
    for (let k = 0; k < labels.length; k++) {
      if (k >= row.length) {
        cells += " ".repeat(CELL);
        continue;
      }
      const level = max > 0 ? row[k] / max : 0;
      cells += style.enabled ? style.shade(" ".repeat(CELL), level) : RAMP[Math.round(level * (RAMP.length - 1))];
    }
    const strongest = Array.from(row).indexOf(max);
    out.push(`${label(labels[q], width)} ${cells}  ${style.dim(`→ ${visible(labels[strongest] ?? "")} ${max.toFixed(2)}`)}`);
  }
  // Column labels, written vertically under the grid (first 4 characters of each token, spaces trimmed).
  const rows = 4;
  for (let r = 0; r < rows; r++) {
    let line = " ".repeat(width + 1);
    for (const l of labels) line += (visible(l).trim()[r] ?? " ").padEnd(CELL);
    out.push(style.dim(line.trimEnd()));
  }
  return `${out.join("\n")}\n`;
}
