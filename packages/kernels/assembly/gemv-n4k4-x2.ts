// GEMV over packed "n4k4" weights (layout: gemv-n4k4.ts) read as two streams: panel i of the first
// half of the matrix and panel i of the second half are multiplied in the same loop, so the core has
// two far-apart sequential reads in flight instead of one. For weights that come from memory rather
// than cache — a matrix larger than the last-level cache, or every matrix of a model too big for it —
// the hardware prefetchers keep more lines in flight for two streams than for one. Measured on this
// machine class (simd, one thread, from memory): 4096² 36-37 vs 30-32 GB/s; 288×32000 41-46 vs 33-36;
// 768×768 matrices cycled through 240 MB of weights 34-38 vs 30-33. In cache it is slower (768²:
// 65-69 vs 85-88 GB/s: eight accumulators plus the hoisted loads overflow V8's sixteen SIMD
// registers), which is why the caller chooses (engine.ts: the size of W, or the caller's hint).
//
// Sums are formed in exactly the order of matmul_f32_gemv_n4k4, so both kernels give the same bits.

import { hsum4 } from "./simd";
import { matmul_f32_gemv_n4k4 } from "./gemv-n4k4";

/** a·b + c unfused in every build, as in gemv-n4k4.ts (same rounding as that kernel). */
// @ts-ignore: decorator
@inline function mac(a: v128, b: v128, c: v128): v128 {
  return f32x4.add(f32x4.mul(a, b), c);
}

/** y[0..3] (=|+=) s (+ bias[0..3]); bias = 0 means none. */
// @ts-ignore: decorator
@inline function storePanel(y: usize, s: v128, bias: usize, accumulate: i32): void {
  if (bias) s = f32x4.add(s, v128.load(bias));
  if (accumulate) s = f32x4.add(v128.load(y), s);
  v128.store(y, s);
}

/** Same arguments and result as matmul_f32_gemv_n4k4. */
export function matmul_f32_gemv_n4k4_x2(y: usize, x: usize, wp: usize, bias: usize, K: i32, N: i32, accumulate: i32): void {
  const K4 = (K + 3) & ~3;
  const panelBytes = <usize>K4 << 4;
  // Pairs of full panels: i in [0, h) with i + h. What is left (one full panel when the count is
  // odd, and a partial last panel) goes to the one-stream kernel.
  const h = (N >> 2) >> 1;
  const x4 = x + (<usize>(K & ~3) << 2); // end of the full blocks of x
  const kt = K & 3;
  let xt = f32x4.splat(0);
  if (kt > 0) xt = f32x4.replace_lane(xt, 0, load<f32>(x4));
  if (kt > 1) xt = f32x4.replace_lane(xt, 1, load<f32>(x4, 4));
  if (kt > 2) xt = f32x4.replace_lane(xt, 2, load<f32>(x4, 8));
  const secondOffset = <usize>h * panelBytes;
  for (let i = 0; i < h; i++) {
    let p = wp + <usize>i * panelBytes;
    let q = p + secondOffset;
    let a0 = f32x4.splat(0), a1 = a0, a2 = a0, a3 = a0;
    let b0 = a0, b1 = a0, b2 = a0, b3 = a0;
    // The hot loop: one x block serves the eight weight vectors of two blocks, one from each stream.
    for (let xp = x; xp < x4; xp += 16) {
      const xv = v128.load(xp);
      a0 = mac(xv, v128.load(p), a0);
      a1 = mac(xv, v128.load(p, 16), a1);
      a2 = mac(xv, v128.load(p, 32), a2);
      a3 = mac(xv, v128.load(p, 48), a3);
      b0 = mac(xv, v128.load(q), b0);
      b1 = mac(xv, v128.load(q, 16), b1);
      b2 = mac(xv, v128.load(q, 32), b2);
      b3 = mac(xv, v128.load(q, 48), b3);
      p += 64;
      q += 64;
    }
    if (kt) {
      a0 = mac(xt, v128.load(p), a0);
      a1 = mac(xt, v128.load(p, 16), a1);
      a2 = mac(xt, v128.load(p, 32), a2);
      a3 = mac(xt, v128.load(p, 48), a3);
      b0 = mac(xt, v128.load(q), b0);
      b1 = mac(xt, v128.load(q, 16), b1);
      b2 = mac(xt, v128.load(q, 32), b2);
      b3 = mac(xt, v128.load(q, 48), b3);
    }
    const first = <usize>i << 4; // byte offset of output row 4i
    const second = <usize>(i + h) << 4;
    storePanel(y + first, hsum4(a0, a1, a2, a3), bias ? bias + first : 0, accumulate);
    storePanel(y + second, hsum4(b0, b1, b2, b3), bias ? bias + second : 0, accumulate);
  }
  const done = h << 3; // rows covered by the pairs
  if (done < N) {
    const o = <usize>done << 2;
    matmul_f32_gemv_n4k4(y + o, x, wp + <usize>(h << 1) * panelBytes, bias ? bias + o : 0, K, N - done, accumulate);
  }
}
