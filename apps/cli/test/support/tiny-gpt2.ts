// A tiny GPT-2 directory (config.json + model.safetensors, Hugging Face names, Conv1D [in, out]
// weights) with seeded random weights, except the final LayerNorm: weight 0 and bias b, so the last
// hidden state is exactly b whatever the input, and the tied classifier's logits are wte·b. Row
// `favourite` of wte is 4·b, which makes it the most likely next token after every position.
import { fillTensors, hfGpt2Config, hfGpt2TensorSpecs, mulberry32, safetensorsBytes, writeHfFolder } from "@wasmformer/test-checkpoints";

export interface TinyGpt2 {
  dim: number;
  layers: number;
  heads: number;
  vocab: number;
  positions: number;
  favourite: number;
  /** wte [vocab, dim] and b, to compute the expected logits. */
  wte: Float32Array;
  b: Float32Array;
  /** Floats written. */
  parameters: number;
}

export function writeTinyGpt2(dir: string, o: { vocab: number; favourite: number; seed?: number }): TinyGpt2 {
  const shape = { dim: 16, layers: 2, heads: 2, vocab: o.vocab, positions: 64 };
  const { dim } = shape;
  const rand = mulberry32(o.seed ?? 7);
  const t = fillTensors(hfGpt2TensorSpecs(shape), (spec) => (spec.name === "ln_f.weight" ? 0 : spec.role === "norm" ? 1 + 0.1 * rand() : 0.3 * rand()));
  const wte = t.get("wte.weight")!.data;
  const b = t.get("ln_f.bias")!.data;
  for (let i = 0; i < dim; i++) wte[o.favourite * dim + i] = 4 * b[i]!;
  writeHfFolder(dir, { config: JSON.stringify(hfGpt2Config(shape)), safetensors: safetensorsBytes(t) });
  const parameters = [...t.values()].reduce((n, x) => n + x.data.length, 0);
  return { dim, layers: shape.layers, heads: shape.heads, vocab: o.vocab, positions: shape.positions, favourite: o.favourite, wte, b, parameters };
}
