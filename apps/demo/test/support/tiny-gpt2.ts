// Test support: a tiny GPT-2 Hugging Face folder written by the test (seeded weights, F32 safetensors,
// a byte-level BPE tokenizer.json) and a float64 reference forward pass written from HF's
// GPT2LMHeadModel (LayerNorm with bias, learned positions, Conv1D [in, out] weights, gelu_new, tied
// classifier), independent of the packages under test.

import { writeSafetensors } from "./llama2c-to-hf.js";

export interface TinyGpt2 {
  dim: number;
  layers: number;
  heads: number;
  /** The model's vocabulary: the tokenizer's 258 ids padded to a larger size, as HF checkpoints often are. */
  vocab: number;
  seq: number;
}

export const TINY_GPT2: TinyGpt2 = { dim: 16, layers: 2, heads: 2, vocab: 264, seq: 32 };
/** The tokenizer's ids: 256 byte tokens, one merge ("he"), then <|endoftext|>. */
export const TOKENIZER_VOCAB = 258;
export const END_OF_TEXT = 257;

/** GPT-2's bytes_to_unicode: printable bytes map to themselves, the rest to U+0100 onwards. */
function byteChars(): string[] {
  const printable = (b: number) => (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || (b >= 174 && b <= 255);
  let next = 256;
  return Array.from({ length: 256 }, (_, b) => String.fromCharCode(printable(b) ? b : next++));
}

export function tinyTokenizerJson(): string {
  const vocab: Record<string, number> = {};
  byteChars().forEach((ch, b) => (vocab[ch] = b));
  vocab.he = 256;
  vocab["<|endoftext|>"] = END_OF_TEXT;
  const byteLevel = { type: "ByteLevel", add_prefix_space: false, trim_offsets: true, use_regex: true };
  return JSON.stringify({
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: [{ id: END_OF_TEXT, content: "<|endoftext|>", single_word: false, lstrip: false, rstrip: false, normalized: true, special: true }],
    normalizer: null,
    pre_tokenizer: byteLevel,
    post_processor: byteLevel,
    decoder: byteLevel,
    model: { type: "BPE", dropout: null, unk_token: null, continuing_subword_prefix: "", end_of_word_suffix: "", fuse_unk: false, byte_fallback: false, vocab, merges: ["h e"] },
  });
}

type Tensors = Map<string, { shape: number[]; data: Float32Array }>;

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x9e3779b9) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 16), 0x21f0aaad);
    t = Math.imul(t ^ (t >>> 15), 0x735a2d97);
    return (((t ^ (t >>> 15)) >>> 0) / 4294967296) * 2 - 1;
  };
}

export function tinyGpt2Folder(s: TinyGpt2, seed: number): { config: string; safetensors: Uint8Array; tensors: Tensors } {
  const r = rng(seed);
  const tensors: Tensors = new Map();
  const add = (name: string, shape: number[], kind: "weight" | "norm" | "bias" = "weight") => {
    const n = shape.reduce((a, b) => a * b, 1);
    const scale = kind === "weight" ? 1 / Math.sqrt(shape[0] as number) : 0.1;
    tensors.set(name, { shape, data: Float32Array.from({ length: n }, () => (kind === "norm" ? 1 : 0) + scale * r()) });
  };
  const d = s.dim;
  add("wte.weight", [s.vocab, d]);
  // Padding rows (ids the tokenizer does not have) are zero, as never-trained rows end up near zero: logit 0.
  (tensors.get("wte.weight") as { data: Float32Array }).data.fill(0, TOKENIZER_VOCAB * d);
  add("wpe.weight", [s.seq, d], "bias");
  for (let l = 0; l < s.layers; l++) {
    const p = `h.${l}.`;
    add(`${p}ln_1.weight`, [d], "norm");
    add(`${p}ln_1.bias`, [d], "bias");
    add(`${p}attn.c_attn.weight`, [d, 3 * d]);
    add(`${p}attn.c_attn.bias`, [3 * d], "bias");
    add(`${p}attn.c_proj.weight`, [d, d]);
    add(`${p}attn.c_proj.bias`, [d], "bias");
    add(`${p}ln_2.weight`, [d], "norm");
    add(`${p}ln_2.bias`, [d], "bias");
    add(`${p}mlp.c_fc.weight`, [d, 4 * d]);
    add(`${p}mlp.c_fc.bias`, [4 * d], "bias");
    add(`${p}mlp.c_proj.weight`, [4 * d, d]);
    add(`${p}mlp.c_proj.bias`, [d], "bias");
  }
  add("ln_f.weight", [d], "norm");
  add("ln_f.bias", [d], "bias");
  const config = { model_type: "gpt2", architectures: ["GPT2LMHeadModel"], n_embd: d, n_layer: s.layers, n_head: s.heads, vocab_size: s.vocab, n_positions: s.seq, n_inner: null, layer_norm_epsilon: 1e-5 };
  return { config: JSON.stringify(config), safetensors: writeSafetensors(tensors), tensors };
}

/** Next-token logits after `tokens`, in float64. */
export function gpt2ReferenceLogits(t: Tensors, s: TinyGpt2, tokens: number[]): number[] {
  const w = (n: string) => (t.get(n) as { data: Float32Array }).data;
  const d = s.dim;
  const hd = d / s.heads;
  const norm = (x: number[], g: Float32Array, b: Float32Array) => {
    const mean = x.reduce((a, v) => a + v, 0) / d;
    const variance = x.reduce((a, v) => a + (v - mean) ** 2, 0) / d;
    return x.map((v, i) => ((v - mean) / Math.sqrt(variance + 1e-5)) * (g[i] as number) + (b[i] as number));
  };
  const conv1d = (x: number[], weight: Float32Array, bias: Float32Array, out: number) =>
    Array.from({ length: out }, (_, o) => x.reduce((a, v, i) => a + v * (weight[i * out + o] as number), bias[o] as number));
  const gelu = (x: number) => 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3)));
  let xs = tokens.map((id, pos) => Array.from({ length: d }, (_, i) => (w("wte.weight")[id * d + i] as number) + (w("wpe.weight")[pos * d + i] as number)));
  for (let l = 0; l < s.layers; l++) {
    const p = `h.${l}.`;
    const qkv = xs.map((x) => conv1d(norm(x, w(`${p}ln_1.weight`), w(`${p}ln_1.bias`)), w(`${p}attn.c_attn.weight`), w(`${p}attn.c_attn.bias`), 3 * d));
    const attended = qkv.map((q, row) => {
      const out: number[] = [];
      for (let h = 0; h < s.heads; h++) {
        const scores = qkv.slice(0, row + 1).map((k) => {
          let dot = 0;
          for (let i = 0; i < hd; i++) dot += (q[h * hd + i] as number) * (k[d + h * hd + i] as number);
          return dot / Math.sqrt(hd);
        });
        const m = Math.max(...scores);
        const e = scores.map((v) => Math.exp(v - m));
        const z = e.reduce((a, v) => a + v, 0);
        for (let i = 0; i < hd; i++) out.push(e.reduce((a, p2, j) => a + (p2 / z) * ((qkv[j] as number[])[2 * d + h * hd + i] as number), 0));
      }
      return conv1d(out, w(`${p}attn.c_proj.weight`), w(`${p}attn.c_proj.bias`), d);
    });
    xs = xs.map((x, row) => x.map((v, i) => v + ((attended[row] as number[])[i] as number)));
    xs = xs.map((x) => {
      const hidden = conv1d(norm(x, w(`${p}ln_2.weight`), w(`${p}ln_2.bias`)), w(`${p}mlp.c_fc.weight`), w(`${p}mlp.c_fc.bias`), 4 * d).map(gelu);
      const y = conv1d(hidden, w(`${p}mlp.c_proj.weight`), w(`${p}mlp.c_proj.bias`), d);
      return x.map((v, i) => v + (y[i] as number));
    });
  }
  const last = norm(xs[xs.length - 1] as number[], w("ln_f.weight"), w("ln_f.bias"));
  const wte = w("wte.weight");
  return Array.from({ length: s.vocab }, (_, id) => last.reduce((a, v, i) => a + v * (wte[id * d + i] as number), 0));
}
