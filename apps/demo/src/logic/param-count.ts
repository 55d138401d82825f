// Parameter counts of a Llama-2-style model by the textbook formula and by the actual tensors of its
// llama2.c checkpoint, with the reason whenever they differ.

import { type Llama2cConfig, checkpointLayout } from "./llama2c-format.js";
import type { ParamRow } from "../protocol.js";

export function llamaParamTable(c: Llama2cConfig): { rows: ParamRow[]; totalByFormula: number; totalActual: number } {
  const sizes = new Map(checkpointLayout(c).map((s) => [s.name, s.shape.reduce((a, b) => a * b, 1)]));
  const actual = (...names: string[]): number => names.reduce((n, name) => n + (sizes.get(name) ?? 0), 0);
  const { dim: d, hiddenDim: f, layers: L, vocabSize: V } = c;
  const kvDim = (d * c.kvHeads) / c.heads;
  const rows: ParamRow[] = [
    { component: "token embedding", formula: "V·d", byFormula: V * d, actual: actual("token_embedding") },
    {
      component: "attention (q, k, v, o)",
      formula: "4·d²·L",
      byFormula: 4 * d * d * L,
      actual: actual("wq", "wk", "wv", "wo"),
      ...(kvDim < d
        ? { note: `grouped-query attention: k and v project to ${c.kvHeads} heads × ${d / c.heads} = ${kvDim}, not d = ${d}, so 2·d² + 2·d·${kvDim} per layer` }
        : {}),
    },
    { component: "feed-forward (SwiGLU w1, w2, w3)", formula: "3·d·d_ff·L", byFormula: 3 * d * f * L, actual: actual("w1", "w2", "w3") },
    {
      component: "RMSNorm gains",
      formula: "(2·L + 1)·d",
      byFormula: (2 * L + 1) * d,
      actual: actual("rms_att", "rms_ffn", "rms_final"),
      note: "tiny; usually left out of back-of-envelope counts",
    },
    {
      component: "classifier",
      formula: "V·d",
      byFormula: V * d,
      actual: actual("wcls"),
      ...(c.sharedClassifier ? { note: "tied: the output layer reuses the token embedding matrix, so it adds nothing" } : {}),
    },
  ];
  return {
    rows,
    totalByFormula: rows.reduce((n, r) => n + r.byFormula, 0),
    totalActual: rows.reduce((n, r) => n + r.actual, 0),
  };
}
