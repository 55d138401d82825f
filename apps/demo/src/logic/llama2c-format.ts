// Writers for llama2.c's two file formats, used to build the in-page demo model. The page then loads
// these bytes through exactly the same loaders as a user's files (one code path for every model).
//
// checkpoint: 7 × int32 header (dim, hidden_dim, n_layers, n_heads, n_kv_heads, vocab_size, seq_len;
// negative vocab = unshared classifier), then f32 tensors in run.c's order, then the legacy freq_cis
// block (seq_len × head_size/2 floats, twice), then wcls when unshared.
// tokenizer: int32 max_token_length, then per token: f32 score, int32 byte length, the bytes.

export interface Llama2cConfig {
  dim: number;
  hiddenDim: number;
  layers: number;
  heads: number;
  kvHeads: number;
  vocabSize: number;
  seqLen: number;
  sharedClassifier: boolean;
}

/** One tensor of the checkpoint in file order, with its shape. */
export interface TensorSlot {
  name: string;
  shape: number[];
  /** "norm" tensors are RMSNorm gains; "linear" rows are [out, in]; "embedding" is [vocab, dim]. */
  kind: "embedding" | "norm" | "linear" | "legacy";
}

export function checkpointLayout(c: Llama2cConfig): TensorSlot[] {
  const headSize = c.dim / c.heads;
  const kvDim = (c.dim * c.kvHeads) / c.heads;
  const L = c.layers;
  const slots: TensorSlot[] = [
    { name: "token_embedding", shape: [c.vocabSize, c.dim], kind: "embedding" },
    { name: "rms_att", shape: [L, c.dim], kind: "norm" },
    { name: "wq", shape: [L, c.dim, c.dim], kind: "linear" },
    { name: "wk", shape: [L, kvDim, c.dim], kind: "linear" },
    { name: "wv", shape: [L, kvDim, c.dim], kind: "linear" },
    { name: "wo", shape: [L, c.dim, c.dim], kind: "linear" },
    { name: "rms_ffn", shape: [L, c.dim], kind: "norm" },
    { name: "w1", shape: [L, c.hiddenDim, c.dim], kind: "linear" },
    { name: "w2", shape: [L, c.dim, c.hiddenDim], kind: "linear" },
    { name: "w3", shape: [L, c.hiddenDim, c.dim], kind: "linear" },
    { name: "rms_final", shape: [c.dim], kind: "norm" },
    { name: "freq_cis_real", shape: [c.seqLen, headSize / 2], kind: "legacy" },
    { name: "freq_cis_imag", shape: [c.seqLen, headSize / 2], kind: "legacy" },
  ];
  if (!c.sharedClassifier) slots.push({ name: "wcls", shape: [c.vocabSize, c.dim], kind: "linear" });
  return slots;
}

export const HEADER_BYTES = 28;

export function checkpointBytes(c: Llama2cConfig): number {
  return HEADER_BYTES + 4 * checkpointLayout(c).reduce((n, s) => n + s.shape.reduce((a, b) => a * b, 1), 0);
}

/**
 * Writes a checkpoint; `fill(slot, i, fanIn)` gives element i of each tensor (fanIn = the last
 * dimension, for scaling random weights).
 */
export function writeCheckpoint(c: Llama2cConfig, fill: (slot: TensorSlot, index: number, fanIn: number) => number): ArrayBuffer {
  if (c.dim % c.heads !== 0) throw new RangeError(`dim ${c.dim} is not divisible by heads ${c.heads}`);
  if (c.heads % c.kvHeads !== 0) throw new RangeError(`heads ${c.heads} is not divisible by kvHeads ${c.kvHeads}`);
  const buffer = new ArrayBuffer(checkpointBytes(c));
  const header = new DataView(buffer, 0, HEADER_BYTES);
  const fields = [c.dim, c.hiddenDim, c.layers, c.heads, c.kvHeads, c.sharedClassifier ? c.vocabSize : -c.vocabSize, c.seqLen];
  fields.forEach((v, i) => header.setInt32(i * 4, v, true));
  let offset = HEADER_BYTES / 4;
  const all = new Float32Array(buffer, HEADER_BYTES);
  for (const slot of checkpointLayout(c)) {
    const n = slot.shape.reduce((a, b) => a * b, 1);
    const fanIn = slot.shape[slot.shape.length - 1] ?? 1;
    for (let i = 0; i < n; i++) all[offset - HEADER_BYTES / 4 + i] = fill(slot, i, fanIn);
    offset += n;
  }
  return buffer;
}

export interface VocabEntry {
  piece: string;
  score: number;
}

export function writeTokenizer(vocab: readonly VocabEntry[]): ArrayBuffer {
  const encoder = new TextEncoder();
  const encoded = vocab.map((v) => encoder.encode(v.piece));
  const maxLen = encoded.reduce((m, b) => Math.max(m, b.length), 0);
  const size = 4 + encoded.reduce((n, b) => n + 8 + b.length, 0);
  const buffer = new ArrayBuffer(size);
  const view = new DataView(buffer);
  const bytes = new Uint8Array(buffer);
  view.setInt32(0, maxLen, true);
  let p = 4;
  vocab.forEach((v, i) => {
    const b = encoded[i] as Uint8Array;
    view.setFloat32(p, v.score, true);
    view.setInt32(p + 4, b.length, true);
    bytes.set(b, p + 8);
    p += 8 + b.length;
  });
  return buffer;
}
