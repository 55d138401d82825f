// GEMM: y[M,N] (=|+=) x[M,K] · W[N,K]ᵀ (+ bias[N]) for M > 1 (prefill). Pointers are byte
// offsets; bias = 0 means none.
//
// A register-blocked 4×8 micro-kernel in the XNNPACK style. Per K block (KC) and M block (MC), x is
// packed into panels of 8 rows laid out [k][8] (zero-padded), and each block of 4 weight rows into
// [k][4] (4×4 transposes); the micro-kernel then does, per k, two v128 loads of x, four broadcast
// loads of w and 8 multiply-adds into 8 accumulators (C tile 4 n × 8 m), written back through 4×4
// transposes. Packing goes to scratch the caller provides (a KC×MC block of x and a 4×KC block of W).
// W is either row-major [N, K] (wK4 = 0) or already packed in the "n4k4" layout of gemv-n4k4.ts
// (wK4 = K rounded up to 4); only the step that packs a 4×KC block of W differs.

import { madd } from "./simd";

// ---- GEMM -------------------------------------------------------------------------------------

/**
 * Rows of W per micro-kernel tile (the broadcast operand); x panels are 8 rows wide. 4 × 2 = 8
 * accumulators + 2 x vectors + 4 broadcasts fit V8's 15 usable xmm registers; a 6 × 8 tile
 * (12 accumulators) spilled and measured slower, with or without relaxed SIMD.
 */
export const GEMM_MR: i32 = 4;
/** K block: a packed x panel (KC×8 floats, 16 KiB) stays in L1, the packed w block (8 or 32 KiB) near it. */
export const GEMM_KC: i32 = 512;
/** M block: the packed x block (KC×MC floats = 512 KiB) stays in L2. */
export const GEMM_MC: i32 = 256;
/**
 * The baseline-SIMD build packs each w value already splatted to a full vector ([k][4][4]), so the
 * micro-kernel does plain v128 loads: V8 folds their constant offsets into the address, where
 * each broadcast load costs an extra address instruction, and the unfused build (two ops per
 * multiply-add) is short of instruction slots (measured +10-15%). The relaxed build, with half the
 * arithmetic instructions, gains nothing from it and keeps the 4× smaller [k][4] block.
 */
const W_SPLAT: bool = !ASC_FEATURE_RELAXED_SIMD;
/** Bytes of packed w per k. */
const W_STEP: i32 = W_SPLAT ? 64 : 16;
/** Scratch bytes the caller must provide: packed x (KC×MC floats) + packed w (KC × W_STEP bytes). */
export const GEMM_SCRATCH_BYTES: i32 = GEMM_KC * GEMM_MC * 4 + GEMM_KC * W_STEP;

export function matmul_f32_gemm(
  y: usize, x: usize, w: usize, bias: usize, M: i32, K: i32, N: i32, ldy: i32, accumulate: i32, scratch: usize, wK4: i32,
): void {
  const xpack = scratch;
  const wpack = scratch + (<usize>(GEMM_KC * GEMM_MC) << 2);
  for (let k0 = 0; k0 < K; k0 += GEMM_KC) {
    const kc = min(GEMM_KC, K - k0);
    // The first K block writes C (adding to it when accumulating) and adds the bias; later
    // blocks add their partial products to C.
    const addToC = k0 > 0 || accumulate != 0;
    for (let m0 = 0; m0 < M; m0 += GEMM_MC) {
      const mc = min(GEMM_MC, M - m0);
      packX(xpack, x + ((<usize>m0 * <usize>K + <usize>k0) << 2), mc, kc, K);
      const panels = (mc + 7) >> 3;
      for (let n0 = 0; n0 < N; n0 += GEMM_MR) {
        const nr = min(GEMM_MR, N - n0);
        const b = k0 == 0 && bias ? bias + (<usize>n0 << 2) : 0;
        if (wK4) packWFromN4K4(wpack, w, n0, k0, kc, wK4);
        else packW(wpack, w + ((<usize>n0 * <usize>K + <usize>k0) << 2), nr, kc, K);
        for (let p = 0; p < panels; p++) {
          const m = m0 + (p << 3);
          const c = y + ((<usize>m * <usize>ldy + <usize>n0) << 2);
          const xp = xpack + (<usize>(p * kc) << 5);
          micro4x8(c, ldy, xp, wpack, kc, min(8, M - m), nr, addToC, b);
        }
      }
    }
  }
}

/** [a, b, c, d] rows → columns (4×4 transpose), written through the four out pointers. */
// @ts-ignore: decorator
@inline function transposeStore(a: v128, b: v128, c: v128, d: v128, p: usize, stride: usize): void {
  const t0 = v128.shuffle<f32>(a, b, 0, 4, 1, 5);
  const t1 = v128.shuffle<f32>(a, b, 2, 6, 3, 7);
  const t2 = v128.shuffle<f32>(c, d, 0, 4, 1, 5);
  const t3 = v128.shuffle<f32>(c, d, 2, 6, 3, 7);
  v128.store(p, v128.shuffle<f32>(t0, t2, 0, 1, 4, 5));
  v128.store(p + stride, v128.shuffle<f32>(t0, t2, 2, 3, 6, 7));
  v128.store(p + 2 * stride, v128.shuffle<f32>(t1, t3, 0, 1, 4, 5));
  v128.store(p + 3 * stride, v128.shuffle<f32>(t1, t3, 2, 3, 6, 7));
}

/**
 * x rows 0..mc-1 (row stride K, first column at x) → panels of 8 rows, each [kc][8]; rows past mc
 * are zero. Full groups of 4 rows × 4 k go through a 4×4 transpose.
 */
function packX(dst: usize, x: usize, mc: i32, kc: i32, K: i32): void {
  const rowBytes = <usize>K << 2;
  const kc4 = kc & ~3;
  for (let g = 0; g < mc; g += 4) {
    // rows g..g+3 go to panel g>>3, lanes (g & 4)..+3
    const out = dst + (<usize>((g >> 3) * kc) << 5) + (<usize>(g & 4) << 2);
    const r0 = x + <usize>g * rowBytes;
    if (g + 4 <= mc) {
      const r1 = r0 + rowBytes, r2 = r1 + rowBytes, r3 = r2 + rowBytes;
      let k = 0;
      for (; k < kc4; k += 4) {
        const o = <usize>k << 2;
        transposeStore(v128.load(r0 + o), v128.load(r1 + o), v128.load(r2 + o), v128.load(r3 + o), out + (<usize>k << 5), 32);
      }
      for (; k < kc; k++) {
        const o = <usize>k << 2;
        const q = out + (<usize>k << 5);
        store<f32>(q, load<f32>(r0 + o));
        store<f32>(q, load<f32>(r1 + o), 4);
        store<f32>(q, load<f32>(r2 + o), 8);
        store<f32>(q, load<f32>(r3 + o), 12);
      }
    } else {
      for (let r = 0; r < 4; r++) {
        const src = r0 + <usize>r * rowBytes;
        const q = out + (<usize>r << 2);
        if (g + r < mc) for (let k = 0; k < kc; k++) store<f32>(q + (<usize>k << 5), load<f32>(src + (<usize>k << 2)));
        else for (let k = 0; k < kc; k++) store<f32>(q + (<usize>k << 5), 0);
      }
    }
  }
  // A panel whose second half has no rows at all: zero lanes 4..7.
  if ((mc & 7) != 0 && (mc & 7) <= 4) {
    const q = dst + (<usize>((mc >> 3) * kc) << 5) + 16;
    for (let k = 0; k < kc; k++) v128.store(q + (<usize>k << 5), f32x4.splat(0));
  }
}

/**
 * w rows 0..nr-1 (row stride K) → [kc][4] (relaxed build) or [kc][4] splatted vectors (W_SPLAT);
 * missing rows (nr < 4) repeat the last row (results unused).
 */
function packW(dst: usize, w: usize, nr: i32, kc: i32, K: i32): void {
  const rowBytes = <usize>K << 2;
  const r0 = w;
  const r1 = w + <usize>min(1, nr - 1) * rowBytes;
  const r2 = w + <usize>min(2, nr - 1) * rowBytes;
  const r3 = w + <usize>min(3, nr - 1) * rowBytes;
  if (W_SPLAT) {
    for (let k = 0; k < kc; k++) {
      const o = <usize>k << 2;
      const q = dst + (<usize>k << 6);
      v128.store(q, v128.load32_splat(r0 + o));
      v128.store(q, v128.load32_splat(r1 + o), 16);
      v128.store(q, v128.load32_splat(r2 + o), 32);
      v128.store(q, v128.load32_splat(r3 + o), 48);
    }
    return;
  }
  const kc4 = kc & ~3;
  let k = 0;
  for (; k < kc4; k += 4) {
    const o = <usize>k << 2;
    transposeStore(v128.load(r0 + o), v128.load(r1 + o), v128.load(r2 + o), v128.load(r3 + o), dst + (<usize>k << 4), 16);
  }
  for (; k < kc; k++) {
    const o = <usize>k << 2;
    const q = dst + (<usize>k << 4);
    store<f32>(q, load<f32>(r0 + o));
    store<f32>(q, load<f32>(r1 + o), 4);
    store<f32>(q, load<f32>(r2 + o), 8);
    store<f32>(q, load<f32>(r3 + o), 12);
  }
}

/**
 * Rows n0..n0+3 (n0 a multiple of 4: one panel), columns k0..k0+kc-1 (k0 a multiple of 4) of W
 * packed "n4k4" → the same [kc][4] / splatted block as packW. A 4-wide k block of the panel is 64
 * contiguous bytes (padding rows are zero), so it is four loads and one 4×4 transpose. The last
 * block may write up to 3 k past kc (still inside the KC-sized scratch; never read).
 */
function packWFromN4K4(dst: usize, w: usize, n0: i32, k0: i32, kc: i32, K4: i32): void {
  let p = w + ((<usize>(n0 >> 2) * <usize>K4) << 4) + (<usize>k0 << 4);
  for (let k = 0; k < kc; k += 4) {
    const r0 = v128.load(p), r1 = v128.load(p, 16), r2 = v128.load(p, 32), r3 = v128.load(p, 48);
    if (W_SPLAT) {
      const q = dst + (<usize>k << 6);
      v128.store(q, v128.shuffle<f32>(r0, r0, 0, 0, 0, 0));
      v128.store(q, v128.shuffle<f32>(r1, r1, 0, 0, 0, 0), 16);
      v128.store(q, v128.shuffle<f32>(r2, r2, 0, 0, 0, 0), 32);
      v128.store(q, v128.shuffle<f32>(r3, r3, 0, 0, 0, 0), 48);
      v128.store(q, v128.shuffle<f32>(r0, r0, 1, 1, 1, 1), 64);
      v128.store(q, v128.shuffle<f32>(r1, r1, 1, 1, 1, 1), 80);
      v128.store(q, v128.shuffle<f32>(r2, r2, 1, 1, 1, 1), 96);
      v128.store(q, v128.shuffle<f32>(r3, r3, 1, 1, 1, 1), 112);
      v128.store(q, v128.shuffle<f32>(r0, r0, 2, 2, 2, 2), 128);
      v128.store(q, v128.shuffle<f32>(r1, r1, 2, 2, 2, 2), 144);
      v128.store(q, v128.shuffle<f32>(r2, r2, 2, 2, 2, 2), 160);
      v128.store(q, v128.shuffle<f32>(r3, r3, 2, 2, 2, 2), 176);
      v128.store(q, v128.shuffle<f32>(r0, r0, 3, 3, 3, 3), 192);
      v128.store(q, v128.shuffle<f32>(r1, r1, 3, 3, 3, 3), 208);
      v128.store(q, v128.shuffle<f32>(r2, r2, 3, 3, 3, 3), 224);
      v128.store(q, v128.shuffle<f32>(r3, r3, 3, 3, 3, 3), 240);
    } else {
      transposeStore(r0, r1, r2, r3, dst + (<usize>k << 4), 16);
    }
    p += 64;
  }
}

/**
 * The micro-kernel: C tile 4 n × 8 m. Accumulator ci0 | ci1 holds lanes m0..3 | m4..7 of column
 * n0+i. Per k: two v128 loads of the x panel, four broadcast loads of w, eight multiply-adds;
 * Eight accumulators + two x vectors + four broadcasts fit the 15 usable xmm registers.
 */
function micro4x8(c: usize, ldc: i32, xp: usize, wp: usize, kc: i32, mr: i32, nr: i32, addToC: bool, bias: usize): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  const end = xp + (<usize>kc << 5);
  // Not unrolled on purpose: V8 hoists every load of an unrolled body to its top, and the extra
  // live broadcasts push accumulators out of registers (measured: ~10% slower).
  while (xp < end) {
    const xa = v128.load(xp);
    const xb = v128.load(xp, 16);
    let s = W_SPLAT ? v128.load(wp) : v128.load32_splat(wp);
    c00 = madd(s, xa, c00);
    c01 = madd(s, xb, c01);
    s = W_SPLAT ? v128.load(wp, 16) : v128.load32_splat(wp, 4);
    c10 = madd(s, xa, c10);
    c11 = madd(s, xb, c11);
    s = W_SPLAT ? v128.load(wp, 32) : v128.load32_splat(wp, 8);
    c20 = madd(s, xa, c20);
    c21 = madd(s, xb, c21);
    s = W_SPLAT ? v128.load(wp, 48) : v128.load32_splat(wp, 12);
    c30 = madd(s, xa, c30);
    c31 = madd(s, xb, c31);
    xp += 32;
    wp += W_STEP;
  }
  storeTile(c, ldc, c00, c10, c20, c30, min(mr, 4), nr, addToC, bias);
  if (mr > 4) storeTile(c + (<usize>ldc << 4), ldc, c01, c11, c21, c31, mr - 4, nr, addToC, bias);
}

/**
 * Columns a..d (n0..n3) of a 4 m × 4 n block → C rows c, c + ldc, ... (m = 0..mr-1, n = 0..nr-1),
 * plus bias[n] (bias 0 = none), added to C when addToC. A full block is one transpose and four
 * v128 read-modify-writes.
 */
// @ts-ignore: decorator
@inline function storeTile(c: usize, ldc: i32, a: v128, b: v128, cc: v128, d: v128, mr: i32, nr: i32, addToC: bool, bias: usize): void {
  const stride = <usize>ldc << 2;
  const t0 = v128.shuffle<f32>(a, b, 0, 4, 1, 5);
  const t1 = v128.shuffle<f32>(a, b, 2, 6, 3, 7);
  const t2 = v128.shuffle<f32>(cc, d, 0, 4, 1, 5);
  const t3 = v128.shuffle<f32>(cc, d, 2, 6, 3, 7);
  let r0 = v128.shuffle<f32>(t0, t2, 0, 1, 4, 5);
  let r1 = v128.shuffle<f32>(t0, t2, 2, 3, 6, 7);
  let r2 = v128.shuffle<f32>(t1, t3, 0, 1, 4, 5);
  let r3 = v128.shuffle<f32>(t1, t3, 2, 3, 6, 7);
  if (nr == 4) {
    if (bias) {
      const bv = v128.load(bias);
      r0 = f32x4.add(r0, bv);
      r1 = f32x4.add(r1, bv);
      r2 = f32x4.add(r2, bv);
      r3 = f32x4.add(r3, bv);
    }
    if (addToC) {
      r0 = f32x4.add(v128.load(c), r0);
      if (mr > 1) r1 = f32x4.add(v128.load(c + stride), r1);
      if (mr > 2) r2 = f32x4.add(v128.load(c + 2 * stride), r2);
      if (mr > 3) r3 = f32x4.add(v128.load(c + 3 * stride), r3);
    }
    v128.store(c, r0);
    if (mr > 1) v128.store(c + stride, r1);
    if (mr > 2) v128.store(c + 2 * stride, r2);
    if (mr > 3) v128.store(c + 3 * stride, r3);
    return;
  }
  storeRowPart(c, r0, nr, addToC, bias);
  if (mr > 1) storeRowPart(c + stride, r1, nr, addToC, bias);
  if (mr > 2) storeRowPart(c + 2 * stride, r2, nr, addToC, bias);
  if (mr > 3) storeRowPart(c + 3 * stride, r3, nr, addToC, bias);
}

/** Lanes 0..nr-1 (nr < 4) of r to c[0..nr-1]. */
// @ts-ignore: decorator
@inline function storeRowPart(c: usize, r: v128, nr: i32, addToC: bool, bias: usize): void {
  for (let n = 0; n < nr; n++) {
    let v: f32;
    if (n == 0) v = f32x4.extract_lane(r, 0);
    else if (n == 1) v = f32x4.extract_lane(r, 1);
    else v = f32x4.extract_lane(r, 2);
    const p = c + (<usize>n << 2);
    if (bias) v += load<f32>(bias + (<usize>n << 2));
    store<f32>(p, addToC ? load<f32>(p) + v : v);
  }
}
