// GEMM: y[M,N] (=|+=) x[M,K] · W[N,K]ᵀ (+ bias[N]) for M > 1 (prefill). Pointers are byte
// offsets; bias = 0 means none. Two register-blocked micro-kernels in the XNNPACK style, one per
// build; both pack per K block (KC) and M block (MC) into scratch the caller provides, and W is
// either row-major [N, K] (wK4 = 0) or already packed in the "n4k4" layout of gemv-n4k4.ts
// (wK4 = K rounded up to 4); only the steps that pack a KC-long block of W differ.
//
// Baseline SIMD (mul + add), gemm_4x8: C tile 4 n × 8 m. x is packed into panels of 8 rows laid
// out [k][8] (zero-padded), each block of 4 weight rows into [k][4] splatted vectors; per k, two
// v128 loads of x, four v128 loads of w and 8 multiply-adds into 8 accumulators, written back
// through 4×4 transposes.
//
// Relaxed SIMD (f32x4.relaxed_madd), gemm_5x8: C tile 5 m × 8 n. x is packed into tiles of 5 rows
// laid out [k][5], each block of 8 weight rows into [k][8]; per k, one v128 load of x rows 0..3
// (broadcast by four lane shuffles), one broadcast load of row 4, two v128 loads of w and 10 fused
// multiply-adds into 10 accumulators. 10 independent FMA chains keep both FMA pipes busy (FMA
// latency 4 × 2 pipes = 8 chains is the bare minimum; the loop alone, measured against a plain
// 10-chain FMA loop: 4×8 ~80%, 5×8 ~95%; whole GEMMs ~90-93%), and the accumulators are rows of C
// (stored without transposes).

import { madd } from "./simd";

// ---- GEMM -------------------------------------------------------------------------------------

const RELAXED: bool = ASC_FEATURE_RELAXED_SIMD;

/**
 * Rows of W per micro-kernel tile: 4 in gemm_4x8 (the broadcast operand; x panels are 8 rows
 * wide), 8 in gemm_5x8 (two vectors; x tiles are 5 rows).
 */
export const GEMM_MR: i32 = RELAXED ? 8 : 4;
/**
 * K block (gemm_4x8: at most; gemm_5x8: K is split into equal blocks of at most this, multiples of
 * 4). gemm_4x8: a packed x panel (KC×8 floats, 16 KiB) stays in L1, the packed w block (32 KiB)
 * near it. gemm_5x8: an x tile (KC×5 floats, 15 KiB) and the w block (24 KiB) both fit L1, and
 * K = 768 (GPT-2-sized layers) is one block: C is written once instead of read back (+3-5%).
 */
export const GEMM_KC: i32 = RELAXED ? 768 : 512;
/** M block: the packed x block (KC×MC floats, 512 / 780 KiB) stays in L2. A multiple of the x tile height (5; 260 makes M = 1024 four blocks, like 256 for the 8-row panels). */
export const GEMM_MC: i32 = RELAXED ? 260 : 256;
/**
 * gemm_4x8 packs each w value already splatted to a full vector ([k][4][4]), so the micro-kernel
 * does plain v128 loads: V8 folds their constant offsets into the address, where each broadcast
 * load costs an extra address instruction, and the unfused build (two ops per multiply-add) is
 * short of instruction slots (measured +10-15%).
 */
const W_STEP: i32 = 64;
/** Bytes of packed w per k in gemm_5x8 ([k][8]) and of packed x per k in one of its x tiles ([k][5]). */
const W8_STEP: i32 = 32;
const X5_STEP: i32 = 20;
/** Scratch bytes the caller must provide: packed x (KC×MC floats) + packed w (KC × W_STEP or W8_STEP bytes). */
export const GEMM_SCRATCH_BYTES: i32 = GEMM_KC * GEMM_MC * 4 + GEMM_KC * (RELAXED ? W8_STEP : W_STEP);

export function matmul_f32_gemm(
  y: usize, x: usize, w: usize, bias: usize, M: i32, K: i32, N: i32, ldy: i32, accumulate: i32, scratch: usize, wK4: i32,
): void {
  if (RELAXED) gemm_5x8(y, x, w, bias, M, K, N, ldy, accumulate, scratch, wK4);
  else gemm_4x8(y, x, w, bias, M, K, N, ldy, accumulate, scratch, wK4);
}

// ---- gemm_4x8 (baseline SIMD) -----------------------------------------------------------------

function gemm_4x8(
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
      for (let n0 = 0; n0 < N; n0 += 4) {
        const nr = min(4, N - n0);
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

/** w rows 0..nr-1 (row stride K) → [kc][4] splatted vectors; missing rows (nr < 4) repeat the last row (results unused). */
function packW(dst: usize, w: usize, nr: i32, kc: i32, K: i32): void {
  const rowBytes = <usize>K << 2;
  const r0 = w;
  const r1 = w + <usize>min(1, nr - 1) * rowBytes;
  const r2 = w + <usize>min(2, nr - 1) * rowBytes;
  const r3 = w + <usize>min(3, nr - 1) * rowBytes;
  for (let k = 0; k < kc; k++) {
    const o = <usize>k << 2;
    const q = dst + (<usize>k << 6);
    v128.store(q, v128.load32_splat(r0 + o));
    v128.store(q, v128.load32_splat(r1 + o), 16);
    v128.store(q, v128.load32_splat(r2 + o), 32);
    v128.store(q, v128.load32_splat(r3 + o), 48);
  }
}

/**
 * Rows n0..n0+3 (n0 a multiple of 4: one panel), columns k0..k0+kc-1 (k0 a multiple of 4) of W
 * packed "n4k4" → the same splatted block as packW. A 4-wide k block of the panel is 64
 * contiguous bytes (padding rows are zero), so it is four loads and 16 lane splats. The last
 * block may write up to 3 k past kc (still inside the KC-sized scratch; never read).
 */
function packWFromN4K4(dst: usize, w: usize, n0: i32, k0: i32, kc: i32, K4: i32): void {
  let p = w + ((<usize>(n0 >> 2) * <usize>K4) << 4) + (<usize>k0 << 4);
  for (let k = 0; k < kc; k += 4) {
    const r0 = v128.load(p), r1 = v128.load(p, 16), r2 = v128.load(p, 32), r3 = v128.load(p, 48);
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
    p += 64;
  }
}

/**
 * The micro-kernel: C tile 4 n × 8 m. Accumulator ci0 | ci1 holds lanes m0..3 | m4..7 of column
 * n0+i. Per k: two v128 loads of the x panel, four v128 loads of splatted w, eight multiply-adds;
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
    let s = v128.load(wp);
    c00 = madd(s, xa, c00);
    c01 = madd(s, xb, c01);
    s = v128.load(wp, 16);
    c10 = madd(s, xa, c10);
    c11 = madd(s, xb, c11);
    s = v128.load(wp, 32);
    c20 = madd(s, xa, c20);
    c21 = madd(s, xb, c21);
    s = v128.load(wp, 48);
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

// ---- gemm_5x8 (relaxed SIMD) ------------------------------------------------------------------

function gemm_5x8(
  y: usize, x: usize, w: usize, bias: usize, M: i32, K: i32, N: i32, ldy: i32, accumulate: i32, scratch: usize, wK4: i32,
): void {
  const xpack = scratch;
  const wpack = scratch + (<usize>(GEMM_KC * GEMM_MC) << 2);
  const kBlocks = (K + GEMM_KC - 1) / GEMM_KC;
  const kStep = ((K + kBlocks - 1) / kBlocks + 3) & ~3; // ≤ GEMM_KC (a multiple of 4)
  for (let k0 = 0; k0 < K; k0 += kStep) {
    const kc = min(kStep, K - k0);
    // The first K block writes C (adding to it when accumulating) and adds the bias; later
    // blocks add their partial products to C.
    const addToC = k0 > 0 || accumulate != 0;
    const tileBytes = <usize>kc * X5_STEP;
    for (let m0 = 0; m0 < M; m0 += GEMM_MC) {
      const mc = min(GEMM_MC, M - m0);
      packX5(xpack, x + ((<usize>m0 * <usize>K + <usize>k0) << 2), mc, kc, K);
      for (let n0 = 0; n0 < N; n0 += 8) {
        const nr = min(8, N - n0);
        const b = k0 == 0 && bias ? bias + (<usize>n0 << 2) : 0;
        let xp = xpack;
        let m = m0;
        if (wK4) {
          // The first tile packs the W block as it goes (see micro5x8PackW).
          const c = y + ((<usize>m * <usize>ldy + <usize>n0) << 2);
          const src = w + ((<usize>(n0 >> 2) * <usize>wK4) << 4) + (<usize>k0 << 4);
          micro5x8PackW(c, ldy, xp, wpack, kc, min(5, M - m), nr, addToC, b, src, <usize>wK4 << 4);
          xp += tileBytes;
          m += 5;
        } else {
          packW8(wpack, w + ((<usize>n0 * <usize>K + <usize>k0) << 2), nr, kc, K);
        }
        for (; m < m0 + mc; m += 5) {
          const c = y + ((<usize>m * <usize>ldy + <usize>n0) << 2);
          micro5x8(c, ldy, xp, wpack, kc, min(5, M - m), nr, addToC, b);
          xp += tileBytes;
        }
      }
    }
  }
}

/**
 * x rows 0..mc-1 (row stride K, first column at x) → tiles of 5 rows, each [kc][5] (X5_STEP bytes
 * per k); rows past mc are zero. In a full tile rows 0..3 go through 4×4 transposes (unaligned
 * v128 stores of 4 k at a time), row 4 element by element.
 */
function packX5(dst: usize, x: usize, mc: i32, kc: i32, K: i32): void {
  const rowBytes = <usize>K << 2;
  const kc4 = kc & ~3;
  const tileBytes = <usize>kc * X5_STEP;
  let out = dst;
  for (let m = 0; m < mc; m += 5) {
    const r0 = x + <usize>m * rowBytes;
    if (m + 5 <= mc) {
      const r1 = r0 + rowBytes, r2 = r1 + rowBytes, r3 = r2 + rowBytes, r4 = r3 + rowBytes;
      let k = 0;
      for (; k < kc4; k += 4) {
        const o = <usize>k << 2;
        const q = out + <usize>k * X5_STEP;
        transposeStore(v128.load(r0 + o), v128.load(r1 + o), v128.load(r2 + o), v128.load(r3 + o), q, X5_STEP);
        store<f32>(q, load<f32>(r4 + o), 16);
        store<f32>(q, load<f32>(r4 + o, 4), 16 + X5_STEP);
        store<f32>(q, load<f32>(r4 + o, 8), 16 + 2 * X5_STEP);
        store<f32>(q, load<f32>(r4 + o, 12), 16 + 3 * X5_STEP);
      }
      for (; k < kc; k++) {
        const o = <usize>k << 2;
        const q = out + <usize>k * X5_STEP;
        store<f32>(q, load<f32>(r0 + o));
        store<f32>(q, load<f32>(r1 + o), 4);
        store<f32>(q, load<f32>(r2 + o), 8);
        store<f32>(q, load<f32>(r3 + o), 12);
        store<f32>(q, load<f32>(r4 + o), 16);
      }
    } else {
      for (let r = 0; r < 5; r++) {
        const src = r0 + <usize>r * rowBytes;
        const q = out + (<usize>r << 2);
        if (m + r < mc) for (let k = 0; k < kc; k++) store<f32>(q + <usize>k * X5_STEP, load<f32>(src + (<usize>k << 2)));
        else for (let k = 0; k < kc; k++) store<f32>(q + <usize>k * X5_STEP, 0);
      }
    }
    out += tileBytes;
  }
}

/** w rows 0..nr-1 (row stride K) → [kc][8]; missing rows (nr < 8) repeat the last row (results unused). */
function packW8(dst: usize, w: usize, nr: i32, kc: i32, K: i32): void {
  const rowBytes = <usize>K << 2;
  const r0 = w;
  const r1 = w + <usize>min(1, nr - 1) * rowBytes;
  const r2 = w + <usize>min(2, nr - 1) * rowBytes;
  const r3 = w + <usize>min(3, nr - 1) * rowBytes;
  const r4 = w + <usize>min(4, nr - 1) * rowBytes;
  const r5 = w + <usize>min(5, nr - 1) * rowBytes;
  const r6 = w + <usize>min(6, nr - 1) * rowBytes;
  const r7 = w + <usize>min(7, nr - 1) * rowBytes;
  const kc4 = kc & ~3;
  let k = 0;
  for (; k < kc4; k += 4) {
    const o = <usize>k << 2;
    const q = dst + <usize>k * W8_STEP;
    transposeStore(v128.load(r0 + o), v128.load(r1 + o), v128.load(r2 + o), v128.load(r3 + o), q, W8_STEP);
    transposeStore(v128.load(r4 + o), v128.load(r5 + o), v128.load(r6 + o), v128.load(r7 + o), q + 16, W8_STEP);
  }
  for (; k < kc; k++) {
    const o = <usize>k << 2;
    const q = dst + <usize>k * W8_STEP;
    store<f32>(q, load<f32>(r0 + o));
    store<f32>(q, load<f32>(r1 + o), 4);
    store<f32>(q, load<f32>(r2 + o), 8);
    store<f32>(q, load<f32>(r3 + o), 12);
    store<f32>(q, load<f32>(r4 + o), 16);
    store<f32>(q, load<f32>(r5 + o), 20);
    store<f32>(q, load<f32>(r6 + o), 24);
    store<f32>(q, load<f32>(r7 + o), 28);
  }
}

/** The 5×8 tile's accumulators (rows a…e, two vectors each) to rows 0..mr-1 of C. */
// @ts-ignore: decorator
@inline function storeTile5x8(
  c: usize, ldc: i32, a0: v128, a1: v128, b0: v128, b1: v128, c0: v128, c1: v128, d0: v128, d1: v128, e0: v128, e1: v128,
  mr: i32, nr: i32, addToC: bool, bias: usize,
): void {
  const stride = <usize>ldc << 2;
  storeRow8(c, a0, a1, nr, addToC, bias);
  if (mr > 1) storeRow8(c + stride, b0, b1, nr, addToC, bias);
  if (mr > 2) storeRow8(c + 2 * stride, c0, c1, nr, addToC, bias);
  if (mr > 3) storeRow8(c + 3 * stride, d0, d1, nr, addToC, bias);
  if (mr > 4) storeRow8(c + 4 * stride, e0, e1, nr, addToC, bias);
}

/**
 * The micro-kernel: C tile 5 m × 8 n (f32_gemm_5x8 with lane splats, relaxed FMA). Accumulators
 * r0 | r1 hold columns n0..3 | n4..7 of row m0+r. Per k: two v128 loads of the w block, one v128
 * load of x rows 0..3 (four lane splats) and one broadcast load of row 4, ten fused
 * multiply-adds. 10 accumulators + 2 w vectors + the x vector + one splat = 14 of V8's 15 usable
 * xmm registers (wider or taller tiles spill: 6 × 8 measured ~35% slower); not unrolled, for the
 * same reason as micro4x8.
 */
function micro5x8(c: usize, ldc: i32, xp: usize, wp: usize, kc: i32, mr: i32, nr: i32, addToC: bool, bias: usize): void {
  let a0 = f32x4.splat(0), a1 = f32x4.splat(0);
  let b0 = f32x4.splat(0), b1 = f32x4.splat(0);
  let c0 = f32x4.splat(0), c1 = f32x4.splat(0);
  let d0 = f32x4.splat(0), d1 = f32x4.splat(0);
  let e0 = f32x4.splat(0), e1 = f32x4.splat(0);
  const end = wp + <usize>kc * W8_STEP;
  while (wp < end) {
    const w0 = v128.load(wp);
    const w1 = v128.load(wp, 16);
    const xv = v128.load(xp);
    let s = v128.shuffle<f32>(xv, xv, 0, 0, 0, 0);
    a0 = madd(s, w0, a0);
    a1 = madd(s, w1, a1);
    s = v128.shuffle<f32>(xv, xv, 1, 1, 1, 1);
    b0 = madd(s, w0, b0);
    b1 = madd(s, w1, b1);
    s = v128.shuffle<f32>(xv, xv, 2, 2, 2, 2);
    c0 = madd(s, w0, c0);
    c1 = madd(s, w1, c1);
    s = v128.shuffle<f32>(xv, xv, 3, 3, 3, 3);
    d0 = madd(s, w0, d0);
    d1 = madd(s, w1, d1);
    s = v128.load32_splat(xp, 16);
    e0 = madd(s, w0, e0);
    e1 = madd(s, w1, e1);
    xp += X5_STEP;
    wp += W8_STEP;
  }
  storeTile5x8(c, ldc, a0, a1, b0, b1, c0, c1, d0, d1, e0, e1, mr, nr, addToC, bias);
}

/**
 * micro5x8 for the first x tile of a W block packed "n4k4" (wsrc: rows n0..n0+7 = two panels,
 * `next` bytes apart, at column k0): every 4 k it first packs the block's next 4 × 8 values into
 * wp ([k][8], as micro5x8 reads it; four loads and one 4×4 transpose per panel), then runs those
 * 4 k. Packing inside the first tile's loop instead of in a pass of its own overlaps the weight
 * stream (from memory, for large W) with arithmetic. When nr ≤ 4 the second panel is not read (it
 * may lie past the matrix, or belong to another thread's slice) and its half of the block is zero.
 * The last 4-k group may write up to 3 k past kc (still inside the KC-sized scratch; never read).
 */
function micro5x8PackW(
  c: usize, ldc: i32, xp: usize, wp: usize, kc: i32, mr: i32, nr: i32, addToC: bool, bias: usize, wsrc: usize, next: usize,
): void {
  let a0 = f32x4.splat(0), a1 = f32x4.splat(0);
  let b0 = f32x4.splat(0), b1 = f32x4.splat(0);
  let c0 = f32x4.splat(0), c1 = f32x4.splat(0);
  let d0 = f32x4.splat(0), d1 = f32x4.splat(0);
  let e0 = f32x4.splat(0), e1 = f32x4.splat(0);
  const two = nr > 4;
  const end = wp + <usize>kc * W8_STEP;
  while (wp < end) {
    transposeStore(v128.load(wsrc), v128.load(wsrc, 16), v128.load(wsrc, 32), v128.load(wsrc, 48), wp, W8_STEP);
    if (two) {
      const p1 = wsrc + next;
      transposeStore(v128.load(p1), v128.load(p1, 16), v128.load(p1, 32), v128.load(p1, 48), wp + 16, W8_STEP);
    } else {
      const z = f32x4.splat(0);
      v128.store(wp, z, 16);
      v128.store(wp, z, 16 + W8_STEP);
      v128.store(wp, z, 16 + 2 * W8_STEP);
      v128.store(wp, z, 16 + 3 * W8_STEP);
    }
    wsrc += 64;
    const groupEnd = min(end, wp + 4 * W8_STEP);
    while (wp < groupEnd) {
      const w0 = v128.load(wp);
      const w1 = v128.load(wp, 16);
      const xv = v128.load(xp);
      let s = v128.shuffle<f32>(xv, xv, 0, 0, 0, 0);
      a0 = madd(s, w0, a0);
      a1 = madd(s, w1, a1);
      s = v128.shuffle<f32>(xv, xv, 1, 1, 1, 1);
      b0 = madd(s, w0, b0);
      b1 = madd(s, w1, b1);
      s = v128.shuffle<f32>(xv, xv, 2, 2, 2, 2);
      c0 = madd(s, w0, c0);
      c1 = madd(s, w1, c1);
      s = v128.shuffle<f32>(xv, xv, 3, 3, 3, 3);
      d0 = madd(s, w0, d0);
      d1 = madd(s, w1, d1);
      s = v128.load32_splat(xp, 16);
      e0 = madd(s, w0, e0);
      e1 = madd(s, w1, e1);
      xp += X5_STEP;
      wp += W8_STEP;
    }
  }
  storeTile5x8(c, ldc, a0, a1, b0, b1, c0, c1, d0, d1, e0, e1, mr, nr, addToC, bias);
}

/** Columns 0..nr-1 (nr ≤ 8) of one C row from lo (0..3) | hi (4..7), plus bias[n] (0 = none), added to C when addToC. */
// @ts-ignore: decorator
@inline function storeRow8(c: usize, lo: v128, hi: v128, nr: i32, addToC: bool, bias: usize): void {
  if (nr < 4) {
    storeRowPart(c, lo, nr, addToC, bias);
    return;
  }
  storeVec(c, lo, addToC, bias);
  if (nr == 8) storeVec(c + 16, hi, addToC, bias ? bias + 16 : 0);
  else if (nr > 4) storeRowPart(c + 16, hi, nr - 4, addToC, bias ? bias + 16 : 0);
}

/** Four columns of C: v (+ bias[0..3]), added to C when addToC. */
// @ts-ignore: decorator
@inline function storeVec(c: usize, v: v128, addToC: bool, bias: usize): void {
  if (bias) v = f32x4.add(v, v128.load(bias));
  if (addToC) v = f32x4.add(v128.load(c), v);
  v128.store(c, v);
}
