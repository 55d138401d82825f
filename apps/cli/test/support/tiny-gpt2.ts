// A tiny GPT-2 directory (config.json + model.safetensors, Hugging Face names, Conv1D [in, out]
// weights) with seeded random weights, except the final LayerNorm: weight 0 and bias b, so the last
// hidden state is exactly b whatever the input, and the tied classifier's logits are wte·b. Row
// `favourite` of wte is 4·b, which makes it the most likely next token after every position.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type TensorMap, safetensorsBytes } from "./safetensors.js";

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

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1;
  };
}

export function writeTinyGpt2(dir: string, o: { vocab: number; favourite: number; seed?: number }): TinyGpt2 {
  const dim = 16;
  const layers = 2;
  const heads = 2;
  const positions = 64;
  const rand = random(o.seed ?? 7);
  const t: TensorMap = new Map();
  const add = (name: string, shape: number[], fill: () => number): Float32Array => {
    const data = Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, fill);
    t.set(name, { shape, data });
    return data;
  };
  const w = () => 0.3 * rand();
  const wte = add("wte.weight", [o.vocab, dim], w);
  add("wpe.weight", [positions, dim], w);
  for (let l = 0; l < layers; l++) {
    const p = `h.${l}.`;
    add(`${p}ln_1.weight`, [dim], () => 1 + 0.1 * rand());
    add(`${p}ln_1.bias`, [dim], w);
    add(`${p}attn.c_attn.weight`, [dim, 3 * dim], w);
    add(`${p}attn.c_attn.bias`, [3 * dim], w);
    add(`${p}attn.c_proj.weight`, [dim, dim], w);
    add(`${p}attn.c_proj.bias`, [dim], w);
    add(`${p}ln_2.weight`, [dim], () => 1 + 0.1 * rand());
    add(`${p}ln_2.bias`, [dim], w);
    add(`${p}mlp.c_fc.weight`, [dim, 4 * dim], w);
    add(`${p}mlp.c_fc.bias`, [4 * dim], w);
    add(`${p}mlp.c_proj.weight`, [4 * dim, dim], w);
    add(`${p}mlp.c_proj.bias`, [dim], w);
  }
  add("ln_f.weight", [dim], () => 0);
  const b = add("ln_f.bias", [dim], w);
  for (let i = 0; i < dim; i++) wte[o.favourite * dim + i] = 4 * b[i]!;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "model.safetensors"), safetensorsBytes(t));
  const config = { model_type: "gpt2", n_embd: dim, n_layer: layers, n_head: heads, vocab_size: o.vocab, n_positions: positions, n_inner: null };
  writeFileSync(join(dir, "config.json"), JSON.stringify(config));
  const parameters = [...t.values()].reduce((n, x) => n + x.data.length, 0);
  return { dim, layers, heads, vocab: o.vocab, positions, favourite: o.favourite, wte, b, parameters };
}
