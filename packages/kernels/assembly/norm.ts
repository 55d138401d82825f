// rmsnorm and layernorm over rows (out may equal x). Sums in two v128 accumulators.

import { hsum } from "./simd";

/** Σ x² over n floats. */
// @ts-ignore: decorator
@inline function sumSquares(p: usize, n: i32): f32 {
  let a = f32x4.splat(0), b = f32x4.splat(0);
  const end8 = <usize>(n & ~7) << 2;
  const end4 = <usize>(n & ~3) << 2;
  let off: usize = 0;
  for (; off < end8; off += 32) {
    const u = v128.load(p + off);
    const v = v128.load(p + off, 16);
    a = f32x4.add(a, f32x4.mul(u, u));
    b = f32x4.add(b, f32x4.mul(v, v));
  }
  for (; off < end4; off += 16) {
    const u = v128.load(p + off);
    a = f32x4.add(a, f32x4.mul(u, u));
  }
  let s = hsum(f32x4.add(a, b));
  const end = <usize>n << 2;
  for (; off < end; off += 4) {
    const v = load<f32>(p + off);
    s += v * v;
  }
  return s;
}

export function rmsnorm_f32(out: usize, x: usize, w: usize, rows: i32, dim: i32, eps: f32): void {
  const rowBytes = <usize>dim << 2;
  const end4 = <usize>(dim & ~3) << 2;
  for (let r = 0; r < rows; r++) {
    const xr = x + <usize>r * rowBytes;
    const or = out + <usize>r * rowBytes;
    const inv: f32 = 1 / Mathf.sqrt(sumSquares(xr, dim) / <f32>dim + eps);
    const vinv = f32x4.splat(inv);
    let off: usize = 0;
    for (; off < end4; off += 16) v128.store(or + off, f32x4.mul(f32x4.mul(v128.load(xr + off), vinv), v128.load(w + off)));
    for (; off < rowBytes; off += 4) store<f32>(or + off, load<f32>(xr + off) * inv * load<f32>(w + off));
  }
}

export function layernorm_f32(out: usize, x: usize, w: usize, b: usize, rows: i32, dim: i32, eps: f32): void {
  const rowBytes = <usize>dim << 2;
  const end4 = <usize>(dim & ~3) << 2;
  for (let r = 0; r < rows; r++) {
    const xr = x + <usize>r * rowBytes;
    const or = out + <usize>r * rowBytes;
    // mean
    let a = f32x4.splat(0);
    let off: usize = 0;
    for (; off < end4; off += 16) a = f32x4.add(a, v128.load(xr + off));
    let s = hsum(a);
    for (; off < rowBytes; off += 4) s += load<f32>(xr + off);
    const mean = s / <f32>dim;
    // variance (two-pass: Σ (x − mean)²)
    const vm = f32x4.splat(mean);
    a = f32x4.splat(0);
    off = 0;
    for (; off < end4; off += 16) {
      const d = f32x4.sub(v128.load(xr + off), vm);
      a = f32x4.add(a, f32x4.mul(d, d));
    }
    let ss = hsum(a);
    for (; off < rowBytes; off += 4) {
      const d = load<f32>(xr + off) - mean;
      ss += d * d;
    }
    const inv: f32 = 1 / Mathf.sqrt(ss / <f32>dim + eps);
    const vinv = f32x4.splat(inv);
    off = 0;
    for (; off < end4; off += 16) {
      const d = f32x4.mul(f32x4.sub(v128.load(xr + off), vm), vinv);
      v128.store(or + off, f32x4.add(f32x4.mul(d, v128.load(w + off)), v128.load(b + off)));
    }
    for (; off < rowBytes; off += 4) store<f32>(or + off, (load<f32>(xr + off) - mean) * inv * load<f32>(w + off) + load<f32>(b + off));
  }
}
