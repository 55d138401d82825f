// The weights of a model in the kernels heap. Vectors (norms, biases, position tables) are one tensor
// per kind with every layer's copy stacked (run.c's layout: layer l of `attnNorm` starts at l·dim).
// Linear weights [out, in] are packed once at load into the kernels' matmul layout, one
// PackedMatrix per layer: decode reads each as a single sequential stream (see @wasmformer/kernels,
// assembly/gemv-n4k4.ts). A tied classifier shares the token embedding, packed (embedding gathers
// read that layout too). The forward pass reads all of them in place; nothing is copied later.

import { type Kernels, type PackedMatrix, type Tensor, packedLength } from "@wasmformer/kernels";
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

/** The linear weights, packed per layer. */
export type LinearWeightName = "wq" | "wk" | "wv" | "wo" | "w1" | "w3" | "w2";
const LINEAR: ReadonlySet<WeightName> = new Set<WeightName>(["wq", "wk", "wv", "wo", "w1", "w3", "w2", "classifier"]);

type VectorName = Exclude<WeightName, LinearWeightName | "tokenEmbedding" | "classifier">;

/** Weights in the heap. `classifier` is the token embedding when tied (then both are packed). */
export type Weights = Partial<Record<VectorName, Tensor>> &
  Partial<Record<LinearWeightName, PackedMatrix[]>> & {
    tokenEmbedding: Tensor | PackedMatrix;
    attnNorm: Tensor;
    ffnNorm: Tensor;
    finalNorm: Tensor;
    wq: PackedMatrix[];
    wk: PackedMatrix[];
    wv: PackedMatrix[];
    wo: PackedMatrix[];
    w1: PackedMatrix[];
    w2: PackedMatrix[];
    classifier: PackedMatrix;
  };

/** What a model owns in the kernels heap (freed on dispose). */
export type HeapObject = Tensor | PackedMatrix;

/** How a weight is stored: packed matrices (one per layer when `layers` is set), or undefined for a plain tensor. */
function packingOf(spec: WeightSpec, c: ModelConfig): { layers?: number; out: number; inDim: number } | undefined {
  if (spec.name === "tokenEmbedding") return c.tiedEmbeddings ? { out: c.vocabSize, inDim: c.dim } : undefined;
  if (!LINEAR.has(spec.name)) return undefined;
  if (spec.shape.length === 3) {
    const [layers, out, inDim] = spec.shape as [number, number, number];
    return { layers, out, inDim };
  }
  const [out, inDim] = spec.shape as [number, number];
  return { out, inDim };
}

/** Floats every weight of `c` occupies in the kernels heap, packed matrices' padding included. */
export function weightElementsInHeap(c: ModelConfig): number {
  let total = 0;
  for (const spec of weightSpecs(c)) {
    const p = packingOf(spec, c);
    total += p === undefined ? elementCount(spec.shape) : (p.layers ?? 1) * packedLength(p.out, p.inDim);
  }
  return total;
}

/**
 * Allocates every weight of `weightSpecs(c)` in the heap from `read(spec)`, the spec's row-major
 * values (a view into the file where possible). Linear weights are packed per layer; the rest is
 * copied as is. Returns the weights and the list of heap objects to free on dispose.
 */
export function allocateWeights(
  kernels: Kernels,
  c: ModelConfig,
  read: (spec: WeightSpec) => Float32Array,
): { weights: Weights; owned: HeapObject[] } {
  const owned: HeapObject[] = [];
  const map: Record<string, HeapObject | PackedMatrix[]> = {};
  const pack = (data: Float32Array, out: number, inDim: number): PackedMatrix => {
    const m = kernels.allocPacked(out, inDim);
    owned.push(m);
    m.set(data);
    return m;
  };
  try {
    for (const spec of weightSpecs(c)) {
      const data = read(spec);
      const n = elementCount(spec.shape);
      if (data.length !== n) throw new Error(`allocateWeights: ${spec.name} has ${data.length} values, expected ${n}`);
      const packing = packingOf(spec, c);
      if (packing === undefined) {
        const t = kernels.alloc(n);
        owned.push(t);
        t.set(data);
        map[spec.name] = t;
      } else if (packing.layers === undefined) {
        map[spec.name] = pack(data, packing.out, packing.inDim);
      } else {
        const { layers, out, inDim } = packing;
        const perLayer: PackedMatrix[] = [];
        for (let l = 0; l < layers; l++) perLayer.push(pack(data.subarray(l * out * inDim, (l + 1) * out * inDim), out, inDim));
        map[spec.name] = perLayer;
      }
    }
  } catch (error) {
    for (const t of owned) kernels.free(t);
    throw error;
  }
  if (c.tiedEmbeddings) map.classifier = map.tokenEmbedding!;
  return { weights: map as unknown as Weights, owned };
}
