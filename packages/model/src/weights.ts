// The weights of a model as tensors in the kernels heap, one per kind, with every layer's copy stacked
// (run.c's layout: `wq` is [layers, dim, dim] and layer l starts at l·dim·dim). Linear weights are
// [out, in]. Loaders fill them once; the forward pass reads them in place (no copies, no packing).

import type { Kernels, Tensor } from "@wasmformer/kernels";
import { type ModelConfig, kvDim } from "./config.js";

export type WeightName =
  | "tokenEmbedding"
  | "positionEmbedding"
  | "attnNorm"
  | "attnNormBias"
  | "wq"
  | "wk"
  | "wv"
  | "wo"
  | "bq"
  | "bk"
  | "bv"
  | "bo"
  | "ffnNorm"
  | "ffnNormBias"
  | "w1"
  | "b1"
  | "w3"
  | "w2"
  | "b2"
  | "finalNorm"
  | "finalNormBias"
  | "classifier";

export interface WeightSpec {
  name: WeightName;
  shape: number[];
  /** Which part of the model it belongs to (for parameter tables). */
  component: "embedding" | "positions" | "attention" | "ffn" | "norm" | "classifier";
}

/** The tensors a config needs, in a fixed order. Learned position tables only for positions "learned". */
export function weightSpecs(c: ModelConfig): WeightSpec[] {
  const L = c.layers;
  const d = c.dim;
  const kv = kvDim(c);
  const h = c.hiddenDim;
  const s: WeightSpec[] = [{ name: "tokenEmbedding", shape: [c.vocabSize, d], component: "embedding" }];
  if (c.positions === "learned") s.push({ name: "positionEmbedding", shape: [c.maxSeqLen, d], component: "positions" });
  const layerNorm = c.norm === "layer";
  s.push({ name: "attnNorm", shape: [L, d], component: "norm" });
  if (layerNorm) s.push({ name: "attnNormBias", shape: [L, d], component: "norm" });
  s.push(
    { name: "wq", shape: [L, d, d], component: "attention" },
    { name: "wk", shape: [L, kv, d], component: "attention" },
    { name: "wv", shape: [L, kv, d], component: "attention" },
    { name: "wo", shape: [L, d, d], component: "attention" },
  );
  if (c.bias)
    s.push(
      { name: "bq", shape: [L, d], component: "attention" },
      { name: "bk", shape: [L, kv], component: "attention" },
      { name: "bv", shape: [L, kv], component: "attention" },
      { name: "bo", shape: [L, d], component: "attention" },
    );
  s.push({ name: "ffnNorm", shape: [L, d], component: "norm" });
  if (layerNorm) s.push({ name: "ffnNormBias", shape: [L, d], component: "norm" });
  s.push({ name: "w1", shape: [L, h, d], component: "ffn" });
  if (c.bias) s.push({ name: "b1", shape: [L, h], component: "ffn" });
  if (c.ffn === "swiglu") s.push({ name: "w3", shape: [L, h, d], component: "ffn" });
  s.push({ name: "w2", shape: [L, d, h], component: "ffn" });
  if (c.bias) s.push({ name: "b2", shape: [L, d], component: "ffn" });
  s.push({ name: "finalNorm", shape: [d], component: "norm" });
  if (layerNorm) s.push({ name: "finalNormBias", shape: [d], component: "norm" });
  if (!c.tiedEmbeddings) s.push({ name: "classifier", shape: [c.vocabSize, d], component: "classifier" });
  return s;
}

export const elementCount = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** Weights in the heap. `classifier` is the token embedding when tied. */
export type Weights = Partial<Record<WeightName, Tensor>> & {
  tokenEmbedding: Tensor;
  attnNorm: Tensor;
  wq: Tensor;
  wk: Tensor;
  wv: Tensor;
  wo: Tensor;
  ffnNorm: Tensor;
  w1: Tensor;
  w2: Tensor;
  finalNorm: Tensor;
  classifier: Tensor;
};

/**
 * Allocates every tensor of `weightSpecs(c)` in the heap and lets `fill` write each one in place
 * (`fill(spec, view)`; the view is only valid during the call). Returns the weights and the list of
 * tensors to free on dispose.
 */
export function allocateWeights(
  kernels: Kernels,
  c: ModelConfig,
  fill: (spec: WeightSpec, target: Float32Array) => void,
): { weights: Weights; owned: Tensor[] } {
  const owned: Tensor[] = [];
  const map: Partial<Record<WeightName, Tensor>> = {};
  try {
    for (const spec of weightSpecs(c)) {
      const t = kernels.alloc(elementCount(spec.shape));
      owned.push(t);
      fill(spec, t.view());
      map[spec.name] = t;
    }
  } catch (error) {
    for (const t of owned) kernels.free(t);
    throw error;
  }
  if (c.tiedEmbeddings) map.classifier = map.tokenEmbedding;
  return { weights: map as Weights, owned };
}
