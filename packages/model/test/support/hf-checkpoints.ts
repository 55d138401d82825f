// Tiny Hugging Face checkpoints written by the tests themselves (seeded RNG), in F32, F16 or BF16, and
// a float64 llama reference forward pass over the same numbers, written from the HF model definition.
// Layouts, the safetensors writer, the reference math and the GPT-2 reference are
// @wasmformer/test-checkpoints'.
import {
  type Dtype,
  type HfLlamaShape,
  type TensorSpec,
  attend,
  fillTensors,
  hfGpt2Config,
  hfGpt2TensorSpecs,
  hfLlamaConfig,
  hfLlamaTensorSpecs,
  linear,
  mulberry32,
  rmsnorm,
  roundToDtype,
  safetensorsBytes,
  silu,
} from "@wasmformer/test-checkpoints";

export type { Dtype } from "@wasmformer/test-checkpoints";

export interface Tensor64 {
  shape: number[];
  data: number[]; // the exact values stored in the file (after rounding to the dtype)
}

/** Random tensors, rounded to the dtype, scaled by 1/sqrt(fan-in); norms near 1. */
export class CheckpointBuilder {
  readonly tensors: Map<string, Tensor64>;
  readonly #dtype: Dtype;
  constructor(specs: readonly TensorSpec[], seed: number, dtype: Dtype) {
    const rand = mulberry32(seed);
    const value = (spec: TensorSpec): number => {
      const scale = 1 / Math.sqrt(spec.shape[spec.shape.length - 1]!);
      return roundToDtype(spec.role === "norm" ? 1 + 0.2 * rand() : spec.role === "bias" ? 0.1 * rand() : scale * rand(), dtype);
    };
    // Values rounded to F32/F16/BF16 are exact in float32, so the float32 fill loses nothing.
    this.tensors = new Map([...fillTensors(specs, value)].map(([name, t]) => [name, { shape: t.shape, data: Array.from(t.data) }]));
    this.#dtype = dtype;
  }
  /** The safetensors bytes. */
  bytes(): Uint8Array {
    return safetensorsBytes(this.tensors, { dtype: this.#dtype });
  }
}

type T = Map<string, Tensor64>;
const get = (t: T, n: string): number[] => t.get(n)!.data;

/** The HF llama shape, with the context named `seq`. */
export interface LlamaShape extends Omit<HfLlamaShape, "seqLen"> {
  seq: number;
}

export function buildLlama(s: LlamaShape, seed: number, dtype: Dtype): { config: object; builder: CheckpointBuilder } {
  const shape = { ...s, seqLen: s.seq };
  return { config: hfLlamaConfig(shape), builder: new CheckpointBuilder(hfLlamaTensorSpecs(shape), seed, dtype) };
}

/** HF LlamaForCausalLM logits for every position, in float64. */
export function llamaReference(t: T, s: LlamaShape, tokens: number[]): number[][] {
  const hd = s.dim / s.heads;
  const kvd = hd * s.kvHeads;
  const rope = (x: number[], pos: number, nh: number): number[] => {
    const y = x.slice();
    for (let h = 0; h < nh; h++)
      for (let i = 0; i < hd / 2; i++) {
        const a = pos * s.theta ** (-(2 * i) / hd);
        const x1 = x[h * hd + i]!;
        const x2 = x[h * hd + i + hd / 2]!;
        y[h * hd + i] = x1 * Math.cos(a) - x2 * Math.sin(a);
        y[h * hd + i + hd / 2] = x2 * Math.cos(a) + x1 * Math.sin(a);
      }
    return y;
  };
  const keys: number[][][] = Array.from({ length: s.layers }, () => []);
  const values: number[][][] = Array.from({ length: s.layers }, () => []);
  const emb = get(t, "model.embed_tokens.weight");
  return tokens.map((tok, pos) => {
    let x = emb.slice(tok * s.dim, (tok + 1) * s.dim);
    for (let l = 0; l < s.layers; l++) {
      const p = `model.layers.${l}.`;
      const h = rmsnorm(x, get(t, `${p}input_layernorm.weight`), s.eps);
      const q = rope(linear(get(t, `${p}self_attn.q_proj.weight`), h, s.dim), pos, s.heads);
      keys[l]!.push(rope(linear(get(t, `${p}self_attn.k_proj.weight`), h, kvd), pos, s.kvHeads));
      values[l]!.push(linear(get(t, `${p}self_attn.v_proj.weight`), h, kvd));
      const att = attend(q, keys[l]!, values[l]!, s.heads, s.kvHeads, hd);
      x = x.map((v, i) => v + linear(get(t, `${p}self_attn.o_proj.weight`), att, s.dim)[i]!);
      const h2 = rmsnorm(x, get(t, `${p}post_attention_layernorm.weight`), s.eps);
      const gate = linear(get(t, `${p}mlp.gate_proj.weight`), h2, s.hidden);
      const up = linear(get(t, `${p}mlp.up_proj.weight`), h2, s.hidden);
      const act = gate.map((g, i) => silu(g) * up[i]!);
      const down = linear(get(t, `${p}mlp.down_proj.weight`), act, s.dim);
      x = x.map((v, i) => v + down[i]!);
    }
    const xf = rmsnorm(x, get(t, "model.norm.weight"), s.eps);
    return linear(s.tied ? emb : get(t, "lm_head.weight"), xf, s.vocab);
  });
}

export interface Gpt2Shape {
  dim: number;
  inner: number;
  layers: number;
  heads: number;
  vocab: number;
  seq: number;
  eps: number;
}

export function buildGpt2(s: Gpt2Shape, seed: number, dtype: Dtype, prefix = "transformer."): { config: object; builder: CheckpointBuilder } {
  const shape = { ...s, positions: s.seq };
  return { config: hfGpt2Config(shape, { layer_norm_epsilon: s.eps }), builder: new CheckpointBuilder(hfGpt2TensorSpecs(shape, prefix), seed, dtype) };
}
