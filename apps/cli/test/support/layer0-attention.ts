// A float64 reference for `inspect`'s attention: layer 0's weights for one head, from run.c's math.
import { type Llama2cFile, attentionWeights } from "@wasmformer/test-checkpoints";

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
  return qs.map((q, pos) => attentionWeights(q, ks.slice(0, pos + 1), head, g, hs));
}
