// Shared SIMD helpers for every kernel family. Compiled twice: once as baseline SIMD128 and once
// with `--enable relaxed-simd`, where ASC_FEATURE_RELAXED_SIMD is a compile-time constant that
// switches `madd` to f32x4.relaxed_madd (the dead branch is removed at compile time).

/** a·b + c, fused where the engine has relaxed SIMD. */
// @ts-ignore: decorator
@inline export function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) {
    return f32x4.relaxed_madd(a, b, c);
  } else {
    return f32x4.add(f32x4.mul(a, b), c);
  }
}

/** Sum of the four lanes. */
// @ts-ignore: decorator
@inline export function hsum(v: v128): f32 {
  const s = f32x4.add(v, v128.shuffle<f32>(v, v, 2, 3, 0, 1));
  return f32x4.extract_lane(f32x4.add(s, v128.shuffle<f32>(s, s, 1, 0, 3, 2)), 0);
}

/** Max of the four lanes. */
// @ts-ignore: decorator
@inline export function hmax(v: v128): f32 {
  const s = f32x4.max(v, v128.shuffle<f32>(v, v, 2, 3, 0, 1));
  return f32x4.extract_lane(f32x4.max(s, v128.shuffle<f32>(s, s, 1, 0, 3, 2)), 0);
}

/** [hsum(a), hsum(b), hsum(c), hsum(d)] with three rounds of pairwise adds (a 4×4 transpose-sum). */
// @ts-ignore: decorator
@inline export function hsum4(a: v128, b: v128, c: v128, d: v128): v128 {
  // ab = [a0+a2, a1+a3, b0+b2, b1+b3]
  const ab = f32x4.add(v128.shuffle<f32>(a, b, 0, 1, 4, 5), v128.shuffle<f32>(a, b, 2, 3, 6, 7));
  const cd = f32x4.add(v128.shuffle<f32>(c, d, 0, 1, 4, 5), v128.shuffle<f32>(c, d, 2, 3, 6, 7));
  // [a, b, c, d] sums
  return f32x4.add(v128.shuffle<f32>(ab, cd, 0, 2, 4, 6), v128.shuffle<f32>(ab, cd, 1, 3, 5, 7));
}

// ---- exp ------------------------------------------------------------------------------------
// e^x = 2^n · e^r with n = round(x·log2 e), r = x − n·ln2 (Cody–Waite split of ln2 into a
// short high part and a correction, so r is exact enough), e^r by a degree-7 polynomial
// (Cephes expf coefficients) on |r| ≤ ln2/2, and 2^n built in the exponent bits.
// Max relative error vs Math.exp measured < 2e-7 over [-87, 88] (test/exp.test.ts).
// x < −87.33 → 0 (no denormals), x > 88.72 → +Infinity, NaN → NaN.

const LOG2E: f32 = 1.44269504088896341;
const LN2_HI: f32 = 0.693359375;
const LN2_LO: f32 = -2.12194440e-4;
const EXP_MAX: f32 = 88.7228391;
const EXP_MIN: f32 = -87.3365448;

// @ts-ignore: decorator
@inline export function vexp(x: v128): v128 {
  const tooSmall = f32x4.lt(x, f32x4.splat(EXP_MIN));
  const tooBig = f32x4.gt(x, f32x4.splat(EXP_MAX));
  const xc = f32x4.pmax(f32x4.splat(EXP_MIN), f32x4.pmin(f32x4.splat(EXP_MAX), x));
  const n = f32x4.nearest(f32x4.mul(xc, f32x4.splat(LOG2E)));
  let r = f32x4.sub(xc, f32x4.mul(n, f32x4.splat(LN2_HI)));
  r = f32x4.sub(r, f32x4.mul(n, f32x4.splat(LN2_LO)));
  const z = f32x4.mul(r, r);
  let p = f32x4.splat(1.9875691500e-4);
  p = madd(p, r, f32x4.splat(1.3981999507e-3));
  p = madd(p, r, f32x4.splat(8.3334519073e-3));
  p = madd(p, r, f32x4.splat(4.1665795894e-2));
  p = madd(p, r, f32x4.splat(1.6666665459e-1));
  p = madd(p, r, f32x4.splat(5.0000001201e-1));
  p = madd(p, z, f32x4.add(r, f32x4.splat(1.0)));
  // 2^n: n is in [-126, 128]; split it in two halves so n = 128 still builds normal scales.
  const ni = i32x4.trunc_sat_f32x4_s(n);
  const n1 = i32x4.shr_s(ni, 1);
  const n2 = i32x4.sub(ni, n1);
  const s1 = i32x4.shl(i32x4.add(n1, i32x4.splat(127)), 23);
  const s2 = i32x4.shl(i32x4.add(n2, i32x4.splat(127)), 23);
  let e = f32x4.mul(f32x4.mul(p, s1), s2);
  e = v128.andnot(e, tooSmall);
  e = v128.bitselect(f32x4.splat(Infinity), e, tooBig);
  return v128.bitselect(x, e, f32x4.ne(x, x)); // NaN stays NaN
}

/** Scalar e^x through the same polynomial (lane 0), for tails. */
// @ts-ignore: decorator
@inline export function sexp(x: f32): f32 {
  return f32x4.extract_lane(vexp(f32x4.splat(x)), 0);
}
