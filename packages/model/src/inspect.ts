// For learners: where the parameters are (textbook formula vs the tensors actually present, with the
// difference explained) and what the next-token distribution looks like.

import { type ModelConfig, kvDim } from "./config.js";
import { memoryNeeded } from "./loaders/llama2c.js";
import { rankOrder } from "./rank-order.js";
import { distribution } from "./sampler.js";
import { type WeightSpec, elementCount, weightSpecs } from "./weights.js";

export interface ParameterRow {
  component: WeightSpec["component"];
  /** The textbook count, as a formula. */
  formula: string;
  /** The formula's value. */
  expected: number;
  /** Sum of the tensors present. */
  actual: number;
  /** Why actual differs from expected (empty when equal). */
  note: string;
}

/** Parameter counts per component, formula vs actual (see ParameterRow). */
export function parameterTable(c: ModelConfig): ParameterRow[] {
  const { dim: d, hiddenDim: h, layers: L, vocabSize: V, maxSeqLen: S } = c;
  const actual = new Map<string, number>();
  for (const s of weightSpecs(c)) actual.set(s.component, (actual.get(s.component) ?? 0) + elementCount(s.shape));
  const gqa = kvDim(c) !== d;
  const nFfn = c.ffn === "swiglu" ? 3 : 2;
  const rows: ParameterRow[] = [
    { component: "embedding", formula: "V·d", expected: V * d, actual: actual.get("embedding") ?? 0, note: "" },
    {
      component: "positions",
      formula: c.positions === "learned" ? "S·d" : "0",
      expected: c.positions === "learned" ? S * d : 0,
      actual: actual.get("positions") ?? 0,
      note: c.positions === "rope" ? "RoPE rotates q and k; it has no parameters" : c.positions === "alibi" ? "ALiBi biases scores by distance; no parameters" : c.positions === "sinusoidal" ? "a fixed table, not learned" : "",
    },
    {
      component: "attention",
      formula: "L·4·d²",
      expected: L * 4 * d * d,
      actual: actual.get("attention") ?? 0,
      note: [
        gqa ? `grouped-query attention: wk and wv are ${kvDim(c)}×${d}, not ${d}×${d} (${c.kvHeads} of ${c.heads} heads)` : "",
        c.bias ? "plus biases on q, k, v and the output projection" : "",
      ].filter(Boolean).join("; "),
    },
    {
      component: "ffn",
      formula: `L·${nFfn}·d·d_ff`,
      expected: L * nFfn * d * h,
      actual: actual.get("ffn") ?? 0,
      note: [c.ffn === "swiglu" ? "SwiGLU has three matrices (gate, up, down), not two" : "", c.bias ? "plus biases" : ""].filter(Boolean).join("; "),
    },
    {
      component: "norm",
      formula: c.norm === "layer" ? "(2L+1)·2·d" : "(2L+1)·d",
      expected: (2 * L + 1) * d * (c.norm === "layer" ? 2 : 1),
      actual: actual.get("norm") ?? 0,
      note: "",
    },
    {
      component: "classifier",
      formula: c.tiedEmbeddings ? "0 (tied)" : "V·d",
      expected: c.tiedEmbeddings ? 0 : V * d,
      actual: actual.get("classifier") ?? 0,
      note: c.tiedEmbeddings ? "shares the token embedding matrix" : "",
    },
  ];
  return rows;
}

export interface ModelSummary {
  config: ModelConfig;
  parameters: ParameterRow[];
  totalParameters: number;
  memory: ReturnType<typeof memoryNeeded>;
}

export function summarizeModel(c: ModelConfig): ModelSummary {
  const parameters = parameterTable(c);
  return { config: c, parameters, totalParameters: parameters.reduce((n, r) => n + r.actual, 0), memory: memoryNeeded(c) };
}

export interface TokenProbability {
  id: number;
  probability: number;
}

/** The k most likely next tokens under softmax(logits / temperature) (after optional top-k/top-p/min-p cuts). */
export function topTokens(logits: ArrayLike<number>, k: number, options: { temperature?: number; topK?: number; topP?: number; minP?: number } = {}): TokenProbability[] {
  // Temperature 0 (greedy) shows the plain softmax.
  const p = distribution(logits, { ...options, temperature: options.temperature || 1 });
  return rankOrder(p, Math.max(0, Math.min(k, p.length))).map((id) => ({ id, probability: p[id]! }));
}
