// Layout conversions for composed attention in external libraries. Libraries batch matmuls over a
// leading dimension, so grouped-query heads are stacked: for kv head g, its `group = heads/kvHeads`
// query heads become one [group·T, d] matrix (row r = h·T + t) against Kᵀ_g [d, kvLen] and
// V_g [kvLen, d]; the causal mask row r belongs to position pos0 + (r mod T).
import type { AttentionProblem } from "./types.js";

export interface StackedAttention {
  /** kvHeads blocks of [group·T, d]. */
  q: Float32Array;
  /** kvHeads blocks of [d, kvLen] (keys transposed). */
  kT: Float32Array;
  /** kvHeads blocks of [kvLen, d]. */
  v: Float32Array;
  /** [group·T, kvLen]: 0 where visible, -Infinity above the causal diagonal; undefined when nothing is masked. */
  mask: Float32Array | undefined;
  group: number;
  rows: number;
}

export function stackAttention(p: AttentionProblem): StackedAttention {
  const { T, heads, kvHeads, headDim: d, kvLen, pos0 } = p;
  const group = heads / kvHeads;
  const rows = group * T;
  const q = new Float32Array(kvHeads * rows * d);
  const kT = new Float32Array(kvHeads * d * kvLen);
  const v = new Float32Array(kvHeads * kvLen * d);
  for (let g = 0; g < kvHeads; g++) {
    for (let hi = 0; hi < group; hi++) {
      const h = g * group + hi;
      for (let t = 0; t < T; t++) {
        const src = (t * heads + h) * d;
        q.set(p.q.subarray(src, src + d), (g * rows + hi * T + t) * d);
      }
    }
    for (let j = 0; j < kvLen; j++) {
      const src = (j * kvHeads + g) * d;
      v.set(p.v.subarray(src, src + d), (g * kvLen + j) * d);
      for (let c = 0; c < d; c++) kT[(g * d + c) * kvLen + j] = p.k[src + c];
    }
  }
  let mask: Float32Array | undefined;
  if (pos0 < kvLen - 1) {
    mask = new Float32Array(rows * kvLen);
    for (let r = 0; r < rows; r++) {
      const pos = pos0 + (r % T);
      mask.fill(-Infinity, r * kvLen + pos + 1, (r + 1) * kvLen);
    }
  }
  return { q, kT, v, mask, group, rows };
}

/** Stacked output (kvHeads blocks of [group·T, d]) back to the kernels' [T, heads, d]. */
export function unstackAttentionOutput(stacked: ArrayLike<number>, p: AttentionProblem): Float32Array {
  const { T, heads, kvHeads, headDim: d } = p;
  const group = heads / kvHeads;
  const out = new Float32Array(T * heads * d);
  for (let g = 0; g < kvHeads; g++) {
    for (let hi = 0; hi < group; hi++) {
      for (let t = 0; t < T; t++) {
        const src = ((g * group + hi) * T + t) * d;
        const dst = (t * heads + g * group + hi) * d;
        for (let c = 0; c < d; c++) out[dst + c] = stacked[src + c];
      }
    }
  }
  return out;
}
