// e^x for the kernels, vectorised. e^x = 2^n · e^r with n = round(x·log2 e) and r = x − n·ln2
// (Cody–Waite: ln2 split into a short high part and a correction, so r is accurate), e^r by the
// degree-7 Cephes expf polynomial on |r| ≤ ln2/2.
//
// n is found with the "magic bias" trick instead of round + float→int conversion (both slow in
// wasm engines): adding 1.5·2^23 to x·log2 e rounds it to an integer held in the low mantissa
// bits, so the float's bit pattern minus the magic's bit pattern is n, and 2^n is (n + 127) << 23.
//
// vexp: any input. x < −87.34 → 0 (no denormals), x > 88.72 → +Infinity, NaN → NaN.
// vexpNonPos: x ≤ 0 only (softmax and attention after max subtraction; −Infinity → 0); fewer steps
// (no overflow side, underflow to exactly 0 by the clamp alone) and a degree-5 polynomial. Max
// relative error vs float64 exp over the normal range, measured: vexp 1.2e-7, vexpNonPos 1.8e-7;
// test/exp.test.ts holds both below 2e-7.

import { madd } from "./simd";

const LOG2E: f32 = 1.44269504088896341;
const LN2_HI: f32 = 0.693359375;
const LN2_LO: f32 = -2.12194440e-4;
const EXP_MAX: f32 = 88.7228391;
const EXP_MIN: f32 = -87.3365448;
/** vexpNonPos clamps here: x·log2 e = −126.96 rounds to n = −127, whose scale 2^n is built as +0. */
const EXP_ZERO: f32 = -88.0;
/** 1.5·2^23: adding it to |v| < 2^22 rounds v to the nearest integer, kept in the low mantissa bits. */
const MAGIC: f32 = 12582912.0;
const MAGIC_BITS: i32 = 0x4b400000;

/** e^r on |r| ≤ ln2/2: 1 + r + r²·P(r). */
// @ts-ignore: decorator
@inline function expPoly(r: v128): v128 {
  const z = f32x4.mul(r, r);
  let p = f32x4.splat(1.9875691500e-4);
  p = madd(p, r, f32x4.splat(1.3981999507e-3));
  p = madd(p, r, f32x4.splat(8.3334519073e-3));
  p = madd(p, r, f32x4.splat(4.1665795894e-2));
  p = madd(p, r, f32x4.splat(1.6666665459e-1));
  p = madd(p, r, f32x4.splat(5.0000001201e-1));
  return madd(p, z, f32x4.add(r, f32x4.splat(1.0)));
}

// @ts-ignore: decorator
@inline export function vexp(x: v128): v128 {
  // Clamp (argument order keeps NaN: pmin/pmax return the first operand unless the second is smaller/larger).
  const xc = f32x4.pmax(f32x4.pmin(x, f32x4.splat(EXP_MAX)), f32x4.splat(EXP_MIN));
  const t = madd(xc, f32x4.splat(LOG2E), f32x4.splat(MAGIC));
  const n = f32x4.sub(t, f32x4.splat(MAGIC));
  const r = madd(n, f32x4.splat(-LN2_LO), madd(n, f32x4.splat(-LN2_HI), xc));
  const p = expPoly(r);
  // 2^n as two factors so n = 128 (x near EXP_MAX) and n = −126 still build normal floats.
  const ni = i32x4.sub(t, i32x4.splat(MAGIC_BITS));
  const n1 = i32x4.shr_s(ni, 1);
  const s1 = i32x4.shl(i32x4.add(n1, i32x4.splat(127)), 23);
  const s2 = i32x4.shl(i32x4.add(i32x4.sub(ni, n1), i32x4.splat(127)), 23);
  let e = f32x4.mul(f32x4.mul(p, s1), s2);
  e = v128.andnot(e, f32x4.lt(x, f32x4.splat(EXP_MIN)));
  return v128.or(e, v128.and(f32x4.gt(x, f32x4.splat(EXP_MAX)), f32x4.splat(Infinity)));
}

/**
 * e^x for x ≤ 0 (or −Infinity); positive inputs are not handled. The hot exp of softmax and
 * attention, so a degree-5 minimax polynomial (coefficients as in XNNPACK's rr2-p5 kernels):
 * e^r ≈ 1 + r·(c1 + r·(c2 + r·(c3 + r·(c4 + r·c5)))), evaluated as s + (s·r)·P(r).
 *
 * No mask for the underflow: x is clamped at −88 (−Infinity included), where n = −127 and the
 * scale s = (n + 127) << 23 is the bit pattern of +0, so the result is exactly 0. Between −88 and
 * EXP_MIN (n = −126 or −127) the result is 0 or a subnormal below 2^−126, as is the true value.
 * One max per vector instead of the clamp, compare and and-not of a masked version; NaN stays NaN.
 */
// @ts-ignore: decorator
@inline export function vexpNonPos(x: v128): v128 {
  const xc = f32x4.pmax(x, f32x4.splat(EXP_ZERO));
  const t = madd(xc, f32x4.splat(LOG2E), f32x4.splat(MAGIC + 127));
  const n = f32x4.sub(t, f32x4.splat(MAGIC + 127));
  const r = madd(n, f32x4.splat(-LN2_LO), madd(n, f32x4.splat(-LN2_HI), xc));
  let p = madd(f32x4.splat(0.008289290592074394), r, f32x4.splat(0.04189782217144966));
  p = madd(p, r, f32x4.splat(0.16667652130126953));
  p = madd(p, r, f32x4.splat(0.4999915063381195));
  p = madd(p, r, f32x4.splat(0.9999997019767761));
  const s = i32x4.shl(t, 23); // n ≥ −127: (n + 127) << 23 is 2^n, or +0 at n = −127
  return madd(f32x4.mul(s, r), p, s);
}

/** Scalar e^x through the same polynomial (lane 0), for tails. */
// @ts-ignore: decorator
@inline export function sexp(x: f32): f32 {
  return f32x4.extract_lane(vexp(f32x4.splat(x)), 0);
}

/** out[i] = e^x[i] (exported so tests can measure the approximation's error). */
export function exp_f32(out: usize, x: usize, n: i32): void {
  const end4 = <usize>(n & ~3) << 2;
  const end = <usize>n << 2;
  let off: usize = 0;
  for (; off < end4; off += 16) v128.store(out + off, vexp(v128.load(x + off)));
  for (; off < end; off += 4) store<f32>(out + off, sexp(load<f32>(x + off)));
}

/** out[i] = e^x[i] for x[i] ≤ 0 (the softmax/attention exp; exported for the error test). */
export function exp_f32_nonpos(out: usize, x: usize, n: i32): void {
  const end4 = <usize>(n & ~3) << 2;
  const end = <usize>n << 2;
  let off: usize = 0;
  for (; off < end4; off += 16) v128.store(out + off, vexpNonPos(v128.load(x + off)));
  for (; off < end; off += 4) store<f32>(out + off, f32x4.extract_lane(vexpNonPos(f32x4.splat(load<f32>(x + off))), 0));
}
