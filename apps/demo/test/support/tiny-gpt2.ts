// Test support: a tiny GPT-2 Hugging Face folder written by the test (seeded weights, F32 safetensors,
// a byte-level BPE tokenizer.json) and its next-token logits from @wasmformer/test-checkpoints' float64
// GPT2LMHeadModel reference (LayerNorm with bias, learned positions, Conv1D [in, out] weights,
// gelu_new, tied classifier), independent of the packages under test.

import { type TensorMap, fillTensors, gpt2Reference, hfGpt2Config, hfGpt2TensorSpecs, safetensorsBytes } from "@wasmformer/test-checkpoints";

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

type Tensors = TensorMap;

/** A splitmix-style generator of uniform numbers in [-1, 1) (the demo's own weights). */
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
  const shape = { dim: s.dim, layers: s.layers, heads: s.heads, vocab: s.vocab, positions: s.seq };
  // Matrices (the embedding too) ~ 1/sqrt(rows); learned positions and biases ~ 0.1; norms ~ 1 ± 0.1.
  const tensors = fillTensors(hfGpt2TensorSpecs(shape), ({ shape: dims, role }) => {
    const weight = role === "weight" || role === "embedding";
    const scale = weight ? 1 / Math.sqrt(dims[0] as number) : 0.1;
    return (role === "norm" ? 1 : 0) + scale * r();
  });
  // Padding rows (ids the tokenizer does not have) are zero, as never-trained rows end up near zero: logit 0.
  (tensors.get("wte.weight") as { data: Float32Array }).data.fill(0, TOKENIZER_VOCAB * s.dim);
  const config = hfGpt2Config(shape, { architectures: ["GPT2LMHeadModel"], layer_norm_epsilon: 1e-5 });
  return { config: JSON.stringify(config), safetensors: safetensorsBytes(tensors, { align: true }), tensors };
}

/** Next-token logits after `tokens`, in float64 (HF GPT2LMHeadModel: n_inner null = 4·dim, epsilon 1e-5). */
export function gpt2ReferenceLogits(t: Tensors, s: TinyGpt2, tokens: number[]): number[] {
  return gpt2Reference(t, { ...s, inner: 4 * s.dim, eps: 1e-5 }, tokens).at(-1) as number[];
}
