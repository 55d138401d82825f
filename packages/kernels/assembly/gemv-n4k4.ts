// GEMV over packed weights: y[N] (=|+=) x[K] · W[N,K]ᵀ (+ bias[N]), W in the "n4k4" layout that
// src/packed.ts writes. Pointers are byte offsets; bias = 0 means none.
//
// Layout "n4k4": rows in panels of 4 (N rounded up to 4, the extra rows zero); a panel is K4/4
// blocks (K4 = K rounded up to 4, the extra columns zero), and a block holds, row after row, the 4
// values of each of the panel's 4 rows: float (n, k) is at ((n>>2)·K4/4 + (k>>2))·16 + (n&3)·4 + (k&3).
//
// Why: decode is bound by reading W. Row-major W read one row at a time costs one x load per weight
// vector, and four rows at a time make four interleaved streams, which the prefetcher follows
// worse. Here one x vector serves the 4 weight vectors of a block and the whole matrix is a single
// sequential stream. Measured on this machine class (relaxed-simd, one thread): 4096² from memory
// 30-33 vs 22-24 GB/s; in cache (768²) on par with or above the row-major 4-row loop.

import { hsum4 } from "./simd";

/** a·b + c unfused in every build: four add chains keep the adds busier than fused madds would (see gemv.ts). */
// @ts-ignore: decorator
@inline function mac(a: v128, b: v128, c: v128): v128 {
  return f32x4.add(f32x4.mul(a, b), c);
}

/** Rows 0..N-1; `wp` points at the first row's panel (a thread's slice starts at a panel). */
export function matmul_f32_gemv_n4k4(y: usize, x: usize, wp: usize, bias: usize, K: i32, N: i32, accumulate: i32): void {
  const K4 = (K + 3) & ~3;
  const panelBytes = <usize>K4 << 4;
  const x8 = x + (<usize>(K & ~7) << 2); // end of the pairs of full blocks
  const x4 = x + (<usize>(K & ~3) << 2); // end of the full blocks
  // The last, partial block of x with zeros past K (x holds only K values; W's padding is zero).
  const kt = K & 3;
  let xt = f32x4.splat(0);
  if (kt > 0) xt = f32x4.replace_lane(xt, 0, load<f32>(x4));
  if (kt > 1) xt = f32x4.replace_lane(xt, 1, load<f32>(x4, 4));
  if (kt > 2) xt = f32x4.replace_lane(xt, 2, load<f32>(x4, 8));
  for (let n = 0; n < N; n += 4) {
    let p = wp + <usize>(n >> 2) * panelBytes;
    let a0 = f32x4.splat(0), a1 = a0, a2 = a0, a3 = a0;
    let xp = x;
    // Two blocks per iteration: the second block's loads fold their constant offsets.
    for (; xp < x8; xp += 32) {
      let xv = v128.load(xp);
      a0 = mac(xv, v128.load(p), a0);
      a1 = mac(xv, v128.load(p, 16), a1);
      a2 = mac(xv, v128.load(p, 32), a2);
      a3 = mac(xv, v128.load(p, 48), a3);
      xv = v128.load(xp, 16);
      a0 = mac(xv, v128.load(p, 64), a0);
      a1 = mac(xv, v128.load(p, 80), a1);
      a2 = mac(xv, v128.load(p, 96), a2);
      a3 = mac(xv, v128.load(p, 112), a3);
      p += 128;
    }
    if (xp < x4) {
      const xv = v128.load(xp);
      a0 = mac(xv, v128.load(p), a0);
      a1 = mac(xv, v128.load(p, 16), a1);
      a2 = mac(xv, v128.load(p, 32), a2);
      a3 = mac(xv, v128.load(p, 48), a3);
      p += 64;
    }
    if (kt) {
      a0 = mac(xt, v128.load(p), a0);
      a1 = mac(xt, v128.load(p, 16), a1);
      a2 = mac(xt, v128.load(p, 32), a2);
      a3 = mac(xt, v128.load(p, 48), a3);
    }
    let s = hsum4(a0, a1, a2, a3);
    const yo = y + (<usize>n << 2);
    const bo = bias ? bias + (<usize>n << 2) : 0;
    if (n + 4 <= N) {
      if (bo) s = f32x4.add(s, v128.load(bo));
      if (accumulate) s = f32x4.add(v128.load(yo), s);
      v128.store(yo, s);
    } else {
      storeLanes(yo, s, N - n, bo, accumulate);
    }
  }
}

/** Lanes 0..count-1 of s (count < 4) to y[0..count-1], with the same sums as the full store. */
function storeLanes(y: usize, s: v128, count: i32, bias: usize, accumulate: i32): void {
  for (let i = 0; i < count; i++) {
    let v: f32 = i == 0 ? f32x4.extract_lane(s, 0) : i == 1 ? f32x4.extract_lane(s, 1) : f32x4.extract_lane(s, 2);
    const o = <usize>i << 2;
    if (bias) v += load<f32>(bias + o);
    store<f32>(y + o, accumulate ? load<f32>(y + o) + v : v);
  }
}
