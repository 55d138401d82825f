// Reads a llama2.c checkpoint (.bin) straight from its bytes, from the layout llama2.c's README and
// run.c document (and the fixtures README restates): 7 little-endian int32 — dim, hidden_dim,
// n_layers, n_heads, n_kv_heads, vocab_size (negative: the classifier is not shared), seq_len — then
// float32 tensors: token_embedding, rms_att, wq, wk, wv, wo, rms_ffn, w1, w2, w3, rms_final, the legacy
// freq_cis_real and freq_cis_imag (seq_len·head_size/2 each), then wcls only when not shared.

export const LLAMA2C_HEADER_BYTES = 28;

/** The 7 header fields; `vocab` is |vocab_size|, `shared` is vocab_size > 0. */
export function readLlama2cHeader(bytes) {
  if (bytes.length < LLAMA2C_HEADER_BYTES) throw new Error(`llama2.c checkpoint: ${bytes.length} bytes, shorter than the 28-byte header`);
  const v = new DataView(bytes.buffer, bytes.byteOffset, LLAMA2C_HEADER_BYTES);
  const f = (i) => v.getInt32(4 * i, true);
  return { dim: f(0), hidden: f(1), layers: f(2), heads: f(3), kvHeads: f(4), vocab: Math.abs(f(5)), seqLen: f(6), shared: f(5) > 0 };
}

/** The header and every tensor as float32 views over a copy of the bytes, in file order. */
export function readLlama2c(bytes) {
  const header = readLlama2cHeader(bytes);
  const { dim, hidden, layers, heads, kvHeads, vocab, seqLen, shared } = header;
  const floats = new Float32Array(bytes.slice(LLAMA2C_HEADER_BYTES, bytes.length - ((bytes.length - LLAMA2C_HEADER_BYTES) % 4)).buffer);
  const headSize = dim / heads;
  const kv = headSize * kvHeads;
  let at = 0;
  const take = (n) => {
    if (at + n > floats.length) throw new Error(`llama2.c checkpoint: truncated (${floats.length} floats after the header)`);
    return floats.subarray(at, (at += n));
  };
  const tensors = {
    emb: take(vocab * dim),
    rmsAtt: take(layers * dim),
    wq: take(layers * dim * dim),
    wk: take(layers * kv * dim),
    wv: take(layers * kv * dim),
    wo: take(layers * dim * dim),
    rmsFfn: take(layers * dim),
    w1: take(layers * hidden * dim),
    w2: take(layers * dim * hidden),
    w3: take(layers * hidden * dim),
    rmsFinal: take(dim),
  };
  let wcls;
  if (!shared) {
    take(seqLen * headSize); // freq_cis_real, freq_cis_imag
    wcls = take(vocab * dim);
  }
  return { ...header, tensors, wcls, floats: floats.length };
}
