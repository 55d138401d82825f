// Reads a llama2.c checkpoint straight from its bytes (the layout in the fixtures README), for
// references that do not go through @wasmformer/model.
export interface Llama2cFile {
  dim: number;
  hidden: number;
  layers: number;
  heads: number;
  kvHeads: number;
  vocab: number;
  seqLen: number;
  shared: boolean;
  /** Tensors in file order, as float32 views. */
  tensors: Record<"emb" | "rmsAtt" | "wq" | "wk" | "wv" | "wo" | "rmsFfn" | "w1" | "w2" | "w3" | "rmsFinal", Float32Array>;
  /** Floats in the file after the header. */
  floats: number;
}

export function readLlama2c(bytes: Uint8Array): Llama2cFile {
  const copy = new Uint8Array(bytes); // aligned
  const h = new Int32Array(copy.buffer, 0, 7);
  const [dim, hidden, layers, heads, kvHeads, vocabSigned, seqLen] = Array.from(h);
  const vocab = Math.abs(vocabSigned);
  const kv = (dim / heads) * kvHeads;
  const all = new Float32Array(copy.buffer, 28, (copy.length - 28) / 4);
  let at = 0;
  const take = (n: number): Float32Array => all.subarray(at, (at += n));
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
  return { dim, hidden, layers, heads, kvHeads, vocab, seqLen, shared: vocabSigned > 0, tensors, floats: all.length };
}

/**
 * Layer 0's attention weights for one head over `ids`, in float64, from run.c's math: RMSNorm,
 * q = Wq·x, k = Wk·x, RoPE on adjacent pairs, softmax(q·k / √head_size) over positions 0..q.
 */
export function layer0Attention(f: Llama2cFile, ids: readonly number[], head: number): number[][] {
  const { dim, heads, kvHeads } = f;
  const hs = dim / heads;
  const kv = hs * kvHeads;
  const { emb, rmsAtt, wq, wk } = f.tensors;
  const rope = (v: number[], pos: number): void => {
    for (let i = 0; i < v.length; i += 2) {
      const angle = pos / 10000 ** ((i % hs) / hs);
      const [a, b] = [v[i]!, v[i + 1]!];
      v[i] = a * Math.cos(angle) - b * Math.sin(angle);
      v[i + 1] = a * Math.sin(angle) + b * Math.cos(angle);
    }
  };
  const qs: number[][] = [];
  const ks: number[][] = [];
  ids.forEach((id, pos) => {
    const x = Array.from(emb.subarray(id * dim, (id + 1) * dim));
    const rms = Math.sqrt(x.reduce((s, v) => s + v * v, 0) / dim + 1e-5);
    const xn = x.map((v, i) => (v / rms) * rmsAtt[i]!);
    const mat = (w: Float32Array, rows: number): number[] =>
      Array.from({ length: rows }, (_, r) => xn.reduce((s, v, c) => s + w[r * dim + c]! * v, 0));
    const q = mat(wq, dim);
    const k = mat(wk, kv);
    rope(q, pos);
    rope(k, pos);
    qs.push(q);
    ks.push(k);
  });
  const g = Math.floor(head / (heads / kvHeads));
  return qs.map((q, pos) => {
    const scores = ks.slice(0, pos + 1).map((k) => {
      let s = 0;
      for (let i = 0; i < hs; i++) s += q[head * hs + i]! * k[g * hs + i]!;
      return s / Math.sqrt(hs);
    });
    const m = Math.max(...scores);
    const e = scores.map((s) => Math.exp(s - m));
    const z = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / z);
  });
}
