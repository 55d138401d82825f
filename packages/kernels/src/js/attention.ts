// JS twin of fused causal attention. Per (query row, head): scores over the visible keys into a
// reusable float64 scratch of kvLen (O(kvLen) memory, never O(T²)), max-subtracted exp, then the
// weighted sum of values. Grouped-query heads h share kv head floor(h / (heads / kvHeads)).

import { dotJs } from "./matmul.js";

export class AttentionJs {
  private scores = new Float64Array(0);
  private acc = new Float64Array(0);

  run(
    f: Float32Array, out: number, q: number, k: number, v: number, T: number, heads: number, kvHeads: number,
    headDim: number, kvLen: number, pos0: number, scale: number, slopes: number, weights: number,
  ): void {
    if (this.scores.length < kvLen) this.scores = new Float64Array(kvLen);
    if (this.acc.length < headDim) this.acc = new Float64Array(headDim);
    const sc = this.scores;
    const acc = this.acc;
    const group = heads / kvHeads;
    const kvStride = kvHeads * headDim;
    for (let t = 0; t < T; t++) {
      const qpos = pos0 + t;
      const nk = qpos + 1;
      for (let h = 0; h < heads; h++) {
        const kvh = (h / group) | 0;
        const qp = q + (t * heads + h) * headDim;
        const slope = slopes >= 0 ? f[slopes + h]! : 0;
        let max = -Infinity;
        for (let j = 0; j < nk; j++) {
          const s = dotJs(f, qp, k + j * kvStride + kvh * headDim, headDim) * scale + slope * (j - qpos);
          sc[j] = s;
          if (s > max) max = s;
        }
        let sum = 0;
        for (let j = 0; j < nk; j++) {
          const e = Math.exp(sc[j]! - max);
          sc[j] = e;
          sum += e;
        }
        const inv = 1 / sum;
        acc.fill(0, 0, headDim);
        for (let j = 0; j < nk; j++) {
          const p = sc[j]! * inv;
          const vp = v + j * kvStride + kvh * headDim;
          for (let d = 0; d < headDim; d++) acc[d] += p * f[vp + d]!;
        }
        const op = out + (t * heads + h) * headDim;
        for (let d = 0; d < headDim; d++) f[op + d] = acc[d]!;
        if (weights >= 0) {
          const wr = weights + (h * T + t) * kvLen;
          for (let j = 0; j < nk; j++) f[wr + j] = sc[j]! * inv;
          f.fill(0, wr + nk, wr + kvLen);
        }
      }
    }
  }
}
