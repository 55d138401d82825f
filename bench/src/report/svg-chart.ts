// A self-contained SVG bar chart: throughput by shape (one cluster per case, one bar per impl),
// log-scale y axis so a 1 GFLOP/s JS loop and a 50 GFLOP/s SIMD kernel both stay readable.
import type { CaseResult, Metric } from "../types.js";
import { metricValue, sig3 } from "./format.js";

const PALETTE = ["#8c8c8c", "#1f77b4", "#2ca02c", "#17becf", "#9467bd", "#ff7f0e", "#d62728", "#e377c2", "#bcbd22", "#7f7f7f"];

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export function barChartSvg(title: string, cases: CaseResult[], metric: Metric): string {
  const impls = [...new Set(cases.flatMap((c) => c.impls.map((r) => r.impl)))];
  const colour = (name: string): string => PALETTE[impls.indexOf(name) % PALETTE.length];
  const values = cases.flatMap((c) => c.impls.map((r) => metricValue(r, metric)).filter((v): v is number => v !== undefined && v > 0));
  const lo = Math.pow(10, Math.floor(Math.log10(Math.min(...values, 1))));
  const hi = Math.pow(10, Math.ceil(Math.log10(Math.max(...values, 1.0001))));

  const bar = 9;
  const clusterGap = 18;
  const left = 60;
  const top = 40;
  const plotH = 260;
  const clusterW = impls.length * bar + clusterGap;
  const plotW = Math.max(300, cases.length * clusterW);
  const legendH = 18 * Math.ceil(impls.length / 4) + 10;
  const width = left + plotW + 20;
  const height = top + plotH + 70 + legendH;
  const y = (v: number): number => top + plotH - ((Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))) * plotH;

  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="11">`);
  parts.push(`<rect width="100%" height="100%" fill="white"/>`);
  parts.push(`<text x="${left}" y="20" font-size="14" font-weight="bold">${esc(title)}</text>`);
  for (let d = lo; d <= hi * 1.0001; d *= 10) {
    parts.push(`<line x1="${left}" x2="${left + plotW}" y1="${y(d)}" y2="${y(d)}" stroke="#ddd"/>`);
    parts.push(`<text x="${left - 6}" y="${y(d) + 4}" text-anchor="end">${sig3(d)}</text>`);
  }
  parts.push(`<text transform="translate(14 ${top + plotH / 2}) rotate(-90)" text-anchor="middle">${esc(metric)} (log scale)</text>`);
  cases.forEach((c, i) => {
    const x0 = left + i * clusterW + clusterGap / 2;
    c.impls.forEach((r) => {
      const v = metricValue(r, metric);
      if (v === undefined || !(v > 0)) return;
      const x = x0 + impls.indexOf(r.impl) * bar;
      parts.push(
        `<rect x="${x}" y="${y(v)}" width="${bar - 1}" height="${top + plotH - y(v)}" fill="${colour(r.impl)}"><title>${esc(`${c.id} · ${r.impl}: ${sig3(v)} ${metric}`)}</title></rect>`,
      );
    });
    const cx = x0 + (impls.length * bar) / 2;
    parts.push(`<text x="${cx}" y="${top + plotH + 14}" text-anchor="middle">${esc(c.shape)}</text>`);
    parts.push(`<text x="${cx}" y="${top + plotH + 28}" text-anchor="middle" fill="#666">${esc(c.group)}</text>`);
  });
  parts.push(`<line x1="${left}" x2="${left + plotW}" y1="${top + plotH}" y2="${top + plotH}" stroke="#333"/>`);
  impls.forEach((name, i) => {
    const lx = left + (i % 4) * 170;
    const ly = top + plotH + 50 + Math.floor(i / 4) * 18;
    parts.push(`<rect x="${lx}" y="${ly - 9}" width="10" height="10" fill="${colour(name)}"/><text x="${lx + 14}" y="${ly}">${esc(name)}</text>`);
  });
  parts.push(`</svg>`);
  return parts.join("\n");
}
