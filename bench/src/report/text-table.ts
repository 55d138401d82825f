// A plain monospace table: header, rule, rows; numeric-looking cells right-aligned.

const NUMERIC = /^[-+]?[\d.]+(e[-+]?\d+)?( ?(µs|ms|s|×))?$/;

export function textTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? "").length)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, c) => (NUMERIC.test(cell) ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
      .join("  ")
      .trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}
