// GEMV: y[N] (=|+=) x[K] · W[N,K]ᵀ (+ bias[N]) — the decode path (M = 1). Pointers are byte
// offsets; bias = 0 means none.
//
// Two shapes of loop, picked by the size of W:
// - W fits in cache (≤ GEMV_CACHED_BYTES): four weight rows at a time, one v128 accumulator per
//   row, x loaded once per 4 k and shared; the four sums are reduced with one transpose-add and
//   stored together. Limited by cache bandwidth, so sharing the x loads pays.
// - W streams from memory: one row at a time, read front to back with eight accumulators (128
//   bytes per iteration). A single sequential stream is what the hardware prefetcher follows best;
//   four interleaved row streams measured ~20% slower from DRAM (22 vs 24.5 GB/s on 4096²).
// The K tail (K mod 4) is scalar.

import { hsum, hsum4, madd } from "./simd";

/**
 * a·b + c unfused, in every build: the cached 4-row loop has four accumulator chains, and an add
 * (latency 3) keeps them busier than a fused multiply-add (latency 4) — measured ~15% faster
 * with relaxed SIMD; more accumulators spill.
 */
// @ts-ignore: decorator
@inline function mac(a: v128, b: v128, c: v128): v128 {
  return f32x4.add(f32x4.mul(a, b), c);
}

/** Σ_{k ≥ K4} x[k]·w[k] for the K tail of four rows, as one vector. */
// @ts-ignore: decorator
@inline function tail4(x: usize, w0: usize, w1: usize, w2: usize, w3: usize, K4: i32, K: i32): v128 {
  let t0: f32 = 0, t1: f32 = 0, t2: f32 = 0, t3: f32 = 0;
  for (let k = K4; k < K; k++) {
    const o = <usize>k << 2;
    const xv = load<f32>(x + o);
    t0 += xv * load<f32>(w0 + o);
    t1 += xv * load<f32>(w1 + o);
    t2 += xv * load<f32>(w2 + o);
    t3 += xv * load<f32>(w3 + o);
  }
  let t = f32x4.splat(t0);
  t = f32x4.replace_lane(t, 1, t1);
  t = f32x4.replace_lane(t, 2, t2);
  return f32x4.replace_lane(t, 3, t3);
}

/** Four outputs at y: s (+ bias) (+ y when accumulating). */
// @ts-ignore: decorator
@inline function store4(y: usize, s: v128, bias: usize, accumulate: i32): void {
  if (bias) s = f32x4.add(s, v128.load(bias));
  if (accumulate) s = f32x4.add(v128.load(y), s);
  v128.store(y, s);
}

/**
 * Above this many bytes of W the GEMV streams rows one at a time (see the header). Measured on a
 * 32 MB-L3 machine: 4-row blocks win up to 768×3072 (9 MB), single streams from 2048² (16 MB).
 */
export const GEMV_CACHED_BYTES: i32 = 12 << 20;

/**
 * Rows 0..N-1 of a GEMV whose whole weight matrix has `Ntotal` rows (a thread computes a slice;
 * the loop shape is chosen from the whole matrix so every slice rounds exactly like one call).
 */
export function matmul_f32_gemv(y: usize, x: usize, w: usize, bias: usize, K: i32, N: i32, accumulate: i32, Ntotal: i32): void {
  const rowBytes = <usize>K << 2;
  let n = 0;
  if (<u64>Ntotal * <u64>rowBytes <= <u64>GEMV_CACHED_BYTES) {
    const K4 = K & ~3;
    const end4 = <usize>K4 << 2;
    const end8 = <usize>(K & ~7) << 2;
    for (; n + 4 <= N; n += 4) {
      const w0 = w + <usize>n * rowBytes;
      const w1 = w0 + rowBytes, w2 = w1 + rowBytes, w3 = w2 + rowBytes;
      let a0 = f32x4.splat(0), a1 = a0, a2 = a0, a3 = a0;
      let off: usize = 0;
      // Two steps of k per iteration: the second loads use constant offsets from the same
      // addresses, so the engine spends no extra address arithmetic on them (8 loads + 2 x
      // vectors + 4 accumulators still fit the registers).
      for (; off < end8; off += 32) {
        let xv = v128.load(x + off);
        a0 = mac(xv, v128.load(w0 + off), a0);
        a1 = mac(xv, v128.load(w1 + off), a1);
        a2 = mac(xv, v128.load(w2 + off), a2);
        a3 = mac(xv, v128.load(w3 + off), a3);
        xv = v128.load(x + off, 16);
        a0 = mac(xv, v128.load(w0 + off, 16), a0);
        a1 = mac(xv, v128.load(w1 + off, 16), a1);
        a2 = mac(xv, v128.load(w2 + off, 16), a2);
        a3 = mac(xv, v128.load(w3 + off, 16), a3);
      }
      for (; off < end4; off += 16) {
        const xv = v128.load(x + off);
        a0 = mac(xv, v128.load(w0 + off), a0);
        a1 = mac(xv, v128.load(w1 + off), a1);
        a2 = mac(xv, v128.load(w2 + off), a2);
        a3 = mac(xv, v128.load(w3 + off), a3);
      }
      let s = hsum4(a0, a1, a2, a3);
      if (K4 < K) s = f32x4.add(s, tail4(x, w0, w1, w2, w3, K4, K));
      store4(y + (<usize>n << 2), s, bias ? bias + (<usize>n << 2) : 0, accumulate);
    }
  }
  for (; n < N; n++) {
    let d = dot(x, w + <usize>n * rowBytes, K);
    if (bias) d += load<f32>(bias + (<usize>n << 2));
    const yo = y + (<usize>n << 2);
    store<f32>(yo, accumulate ? load<f32>(yo) + d : d);
  }
}

/** Dot product of two f32 vectors of length n: eight v128 accumulators (128 bytes a step), then 4-wide, then scalar. */
export function dot(a: usize, b: usize, n: i32): f32 {
  let s0 = f32x4.splat(0), s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0;
  const end32 = <usize>(n & ~31) << 2;
  let off: usize = 0;
  for (; off < end32; off += 128) {
    s0 = madd(v128.load(a + off), v128.load(b + off), s0);
    s1 = madd(v128.load(a + off, 16), v128.load(b + off, 16), s1);
    s2 = madd(v128.load(a + off, 32), v128.load(b + off, 32), s2);
    s3 = madd(v128.load(a + off, 48), v128.load(b + off, 48), s3);
    s4 = madd(v128.load(a + off, 64), v128.load(b + off, 64), s4);
    s5 = madd(v128.load(a + off, 80), v128.load(b + off, 80), s5);
    s6 = madd(v128.load(a + off, 96), v128.load(b + off, 96), s6);
    s7 = madd(v128.load(a + off, 112), v128.load(b + off, 112), s7);
  }
  const end4 = <usize>(n & ~3) << 2;
  for (; off < end4; off += 16) s0 = madd(v128.load(a + off), v128.load(b + off), s0);
  let s = hsum(f32x4.add(f32x4.add(f32x4.add(s0, s1), f32x4.add(s2, s3)), f32x4.add(f32x4.add(s4, s5), f32x4.add(s6, s7))));
  const endn = <usize>n << 2;
  for (; off < endn; off += 4) s += load<f32>(a + off) * load<f32>(b + off);
  return s;
}
