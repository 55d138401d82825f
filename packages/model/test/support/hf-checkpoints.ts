// Tiny Hugging Face checkpoints written by the tests themselves (seeded RNG), in F32, F16 or BF16,
// and float64 reference forward passes over the same numbers, written from the HF model definitions.

export type Dtype = "F32" | "F16" | "BF16";

export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1;
  };
}

// --- half-precision encoders, test-local --------------------------------------------------------
function toF16(v: number): number {
  const s = v < 0 || Object.is(v, -0) ? 0x8000 : 0;
  v = Math.abs(v);
  if (v === 0) return s;
  let e = Math.floor(Math.log2(v));
  if (e < -14) return s | Math.round(v / 2 ** -24);
  let m = Math.round((v / 2 ** e - 1) * 1024);
  if (m === 1024) {
    m = 0;
    e++;
  }
  return s | ((e + 15) << 10) | m;
}
function fromF16(h: number): number {
  const e = (h >> 10) & 31;
  const m = h & 1023;
  const v = e === 0 ? m * 2 ** -24 : (1 + m / 1024) * 2 ** (e - 15);
  return h & 0x8000 ? -v : v;
}
const f = new Float32Array(1);
const u = new Uint32Array(f.buffer);
function toBf16(v: number): number {
  f[0] = v;
  return u[0]! >>> 16; // truncation (as torch's .to(bfloat16) would round; any fixed rule works here)
}
function fromBf16(h: number): number {
  u[0] = h << 16;
  return f[0]!;
}

export interface Tensor64 {
  shape: number[];
  data: number[]; // the exact values stored in the file (after rounding to the dtype)
}

/** Random tensors, rounded to the dtype, scaled by 1/sqrt(fan-in); norms near 1. */
export class CheckpointBuilder {
  readonly tensors = new Map<string, Tensor64>();
  readonly #rand: () => number;
  readonly #dtype: Dtype;
  constructor(seed: number, dtype: Dtype) {
    this.#rand = rng(seed);
    this.#dtype = dtype;
  }
  #round(v: number): number {
    if (this.#dtype === "F16") return fromF16(toF16(v));
    if (this.#dtype === "BF16") return fromBf16(toBf16(v));
    return Math.fround(v);
  }
  add(name: string, shape: number[], kind: "weight" | "norm" | "bias" = "weight"): void {
    const n = shape.reduce((a, b) => a * b, 1);
    const scale = 1 / Math.sqrt(shape[shape.length - 1]!);
    const data = Array.from({ length: n }, () =>
      this.#round(kind === "norm" ? 1 + 0.2 * this.#rand() : kind === "bias" ? 0.1 * this.#rand() : scale * this.#rand()),
    );
    this.tensors.set(name, { shape, data });
  }
  /** The safetensors bytes. */
  bytes(): Uint8Array {
    const size = this.#dtype === "F32" ? 4 : 2;
    const header: Record<string, unknown> = { __metadata__: { format: "pt" } };
    let offset = 0;
    for (const [name, t] of this.tensors) {
      header[name] = { dtype: this.#dtype, shape: t.shape, data_offsets: [offset, offset + t.data.length * size] };
      offset += t.data.length * size;
    }
    const json = new TextEncoder().encode(JSON.stringify(header));
    const out = new Uint8Array(8 + json.length + offset);
    const view = new DataView(out.buffer);
    view.setBigUint64(0, BigInt(json.length), true);
    out.set(json, 8);
    let p = 8 + json.length;
    for (const t of this.tensors.values())
      for (const v of t.data) {
        if (this.#dtype === "F32") view.setFloat32(p, v, true);
        else view.setUint16(p, this.#dtype === "F16" ? toF16(v) : toBf16(v), true);
        p += size;
      }
    return out;
  }
}

// --- float64 reference math -----------------------------------------------------------------------
type T = Map<string, Tensor64>;
const get = (t: T, n: string): number[] => t.get(n)!.data;

/** y = W x for W [out, in] (PyTorch Linear). */
function linear(w: number[], x: number[], out: number, bias?: number[]): number[] {
  const n = x.length;
  return Array.from({ length: out }, (_, o) => x.reduce((s, v, i) => s + w[o * n + i]! * v, bias ? bias[o]! : 0));
}
/** y = x W for W [in, out] (GPT-2 Conv1D). */
function conv1d(w: number[], x: number[], out: number, bias: number[]): number[] {
  return Array.from({ length: out }, (_, o) => x.reduce((s, v, i) => s + w[i * out + o]! * v, bias[o]!));
}
function rmsnorm(x: number[], g: number[], eps: number): number[] {
  const ms = x.reduce((s, v) => s + v * v, 0) / x.length;
  return x.map((v, i) => (v / Math.sqrt(ms + eps)) * g[i]!);
}
function layernorm(x: number[], g: number[], b: number[], eps: number): number[] {
  const mean = x.reduce((s, v) => s + v, 0) / x.length;
  const variance = x.reduce((s, v) => s + (v - mean) ** 2, 0) / x.length;
  return x.map((v, i) => ((v - mean) / Math.sqrt(variance + eps)) * g[i]! + b[i]!);
}
function attend(qs: number[][], ks: number[][], vs: number[][], heads: number, kvHeads: number, hd: number): number[] {
  // One query position over keys 0..ks.length-1 (causal by construction).
  const q = qs[qs.length - 1]!;
  const out: number[] = [];
  for (let h = 0; h < heads; h++) {
    const g = Math.floor(h / (heads / kvHeads));
    const scores = ks.map((k) => {
      let s = 0;
      for (let i = 0; i < hd; i++) s += q[h * hd + i]! * k[g * hd + i]!;
      return s / Math.sqrt(hd);
    });
    const m = Math.max(...scores);
    const e = scores.map((s) => Math.exp(s - m));
    const z = e.reduce((a, b) => a + b, 0);
    for (let i = 0; i < hd; i++) out.push(e.reduce((s, p, j) => s + (p / z) * vs[j]![g * hd + i]!, 0));
  }
  return out;
}

export interface LlamaShape {
  dim: number;
  hidden: number;
  layers: number;
  heads: number;
  kvHeads: number;
  vocab: number;
  seq: number;
  theta: number;
  eps: number;
  tied: boolean;
}

export function buildLlama(s: LlamaShape, seed: number, dtype: Dtype): { config: object; builder: CheckpointBuilder } {
  const b = new CheckpointBuilder(seed, dtype);
  const kv = (s.dim / s.heads) * s.kvHeads;
  b.add("model.embed_tokens.weight", [s.vocab, s.dim]);
  for (let l = 0; l < s.layers; l++) {
    const p = `model.layers.${l}.`;
    b.add(`${p}input_layernorm.weight`, [s.dim], "norm");
    b.add(`${p}self_attn.q_proj.weight`, [s.dim, s.dim]);
    b.add(`${p}self_attn.k_proj.weight`, [kv, s.dim]);
    b.add(`${p}self_attn.v_proj.weight`, [kv, s.dim]);
    b.add(`${p}self_attn.o_proj.weight`, [s.dim, s.dim]);
    b.add(`${p}post_attention_layernorm.weight`, [s.dim], "norm");
    b.add(`${p}mlp.gate_proj.weight`, [s.hidden, s.dim]);
    b.add(`${p}mlp.up_proj.weight`, [s.hidden, s.dim]);
    b.add(`${p}mlp.down_proj.weight`, [s.dim, s.hidden]);
  }
  b.add("model.norm.weight", [s.dim], "norm");
  if (!s.tied) b.add("lm_head.weight", [s.vocab, s.dim]);
  const config = {
    model_type: "llama",
    hidden_size: s.dim,
    intermediate_size: s.hidden,
    num_hidden_layers: s.layers,
    num_attention_heads: s.heads,
    num_key_value_heads: s.kvHeads,
    vocab_size: s.vocab,
    max_position_embeddings: s.seq,
    rms_norm_eps: s.eps,
    rope_theta: s.theta,
    tie_word_embeddings: s.tied,
  };
  return { config, builder: b };
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
      const att = attend([q], keys[l]!, values[l]!, s.heads, s.kvHeads, hd);
      x = x.map((v, i) => v + linear(get(t, `${p}self_attn.o_proj.weight`), att, s.dim)[i]!);
      const h2 = rmsnorm(x, get(t, `${p}post_attention_layernorm.weight`), s.eps);
      const gate = linear(get(t, `${p}mlp.gate_proj.weight`), h2, s.hidden);
      const up = linear(get(t, `${p}mlp.up_proj.weight`), h2, s.hidden);
      const act = gate.map((g, i) => (g / (1 + Math.exp(-g))) * up[i]!);
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
  const b = new CheckpointBuilder(seed, dtype);
  b.add(`${prefix}wte.weight`, [s.vocab, s.dim]);
  b.add(`${prefix}wpe.weight`, [s.seq, s.dim]);
  for (let l = 0; l < s.layers; l++) {
    const p = `${prefix}h.${l}.`;
    b.add(`${p}ln_1.weight`, [s.dim], "norm");
    b.add(`${p}ln_1.bias`, [s.dim], "bias");
    b.add(`${p}attn.c_attn.weight`, [s.dim, 3 * s.dim]);
    b.add(`${p}attn.c_attn.bias`, [3 * s.dim], "bias");
    b.add(`${p}attn.c_proj.weight`, [s.dim, s.dim]);
    b.add(`${p}attn.c_proj.bias`, [s.dim], "bias");
    b.add(`${p}ln_2.weight`, [s.dim], "norm");
    b.add(`${p}ln_2.bias`, [s.dim], "bias");
    b.add(`${p}mlp.c_fc.weight`, [s.dim, s.inner]);
    b.add(`${p}mlp.c_fc.bias`, [s.inner], "bias");
    b.add(`${p}mlp.c_proj.weight`, [s.inner, s.dim]);
    b.add(`${p}mlp.c_proj.bias`, [s.dim], "bias");
  }
  b.add(`${prefix}ln_f.weight`, [s.dim], "norm");
  b.add(`${prefix}ln_f.bias`, [s.dim], "bias");
  const config = { model_type: "gpt2", n_embd: s.dim, n_inner: s.inner, n_layer: s.layers, n_head: s.heads, vocab_size: s.vocab, n_positions: s.seq, layer_norm_epsilon: s.eps };
  return { config, builder: b };
}

/** HF GPT2LMHeadModel logits for every position, in float64 (gelu_new = tanh form). */
export function gpt2Reference(t: T, s: Gpt2Shape, tokens: number[], prefix = "transformer."): number[][] {
  const hd = s.dim / s.heads;
  const g = (n: string): number[] => get(t, prefix + n);
  const gelu = (x: number): number => 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3)));
  const keys: number[][][] = Array.from({ length: s.layers }, () => []);
  const values: number[][][] = Array.from({ length: s.layers }, () => []);
  return tokens.map((tok, pos) => {
    let x = g("wte.weight").slice(tok * s.dim, (tok + 1) * s.dim).map((v, i) => v + g("wpe.weight")[pos * s.dim + i]!);
    for (let l = 0; l < s.layers; l++) {
      const p = `h.${l}.`;
      const h = layernorm(x, g(`${p}ln_1.weight`), g(`${p}ln_1.bias`), s.eps);
      const qkv = conv1d(g(`${p}attn.c_attn.weight`), h, 3 * s.dim, g(`${p}attn.c_attn.bias`));
      keys[l]!.push(qkv.slice(s.dim, 2 * s.dim));
      values[l]!.push(qkv.slice(2 * s.dim));
      const att = attend([qkv.slice(0, s.dim)], keys[l]!, values[l]!, s.heads, s.heads, hd);
      const o = conv1d(g(`${p}attn.c_proj.weight`), att, s.dim, g(`${p}attn.c_proj.bias`));
      x = x.map((v, i) => v + o[i]!);
      const h2 = layernorm(x, g(`${p}ln_2.weight`), g(`${p}ln_2.bias`), s.eps);
      const m = conv1d(g(`${p}mlp.c_fc.weight`), h2, s.inner, g(`${p}mlp.c_fc.bias`)).map(gelu);
      const out = conv1d(g(`${p}mlp.c_proj.weight`), m, s.dim, g(`${p}mlp.c_proj.bias`));
      x = x.map((v, i) => v + out[i]!);
    }
    const xf = layernorm(x, g("ln_f.weight"), g("ln_f.bias"), s.eps);
    return linear(g("wte.weight"), xf, s.vocab);
  });
}
