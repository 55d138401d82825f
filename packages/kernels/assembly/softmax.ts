// softmax over rows, in place: max pass, exp pass (vexp) with the sum in two v128 accumulators,
// scale pass. -Infinity entries become 0; an all -Infinity row becomes zeros (never NaN).

import { hmax, hsum, sexp, vexp } from "./simd";

export function softmax_f32_rows(x: usize, rows: i32, cols: i32, invT: f32): void {
  const rowBytes = <usize>cols << 2;
  const end8 = <usize>(cols & ~7) << 2;
  const end4 = <usize>(cols & ~3) << 2;
  for (let r = 0; r < rows; r++) {
    const p = x + <usize>r * rowBytes;
    // max
    let m0 = f32x4.splat(-Infinity), m1 = f32x4.splat(-Infinity);
    let off: usize = 0;
    for (; off < end8; off += 32) {
      m0 = f32x4.max(m0, v128.load(p + off));
      m1 = f32x4.max(m1, v128.load(p + off, 16));
    }
    for (; off < end4; off += 16) m0 = f32x4.max(m0, v128.load(p + off));
    let max = hmax(f32x4.max(m0, m1));
    for (; off < rowBytes; off += 4) max = <f32>Math.max(max, load<f32>(p + off));
    if (max == -Infinity) {
      memory.fill(p, 0, rowBytes);
      continue;
    }
    // exp((x - max)·invT) and the sum
    const vmax = f32x4.splat(max);
    const vt = f32x4.splat(invT);
    let s0 = f32x4.splat(0), s1 = f32x4.splat(0);
    off = 0;
    for (; off < end8; off += 32) {
      const e0 = vexp(f32x4.mul(f32x4.sub(v128.load(p + off), vmax), vt));
      const e1 = vexp(f32x4.mul(f32x4.sub(v128.load(p + off, 16), vmax), vt));
      v128.store(p + off, e0);
      v128.store(p + off, e1, 16);
      s0 = f32x4.add(s0, e0);
      s1 = f32x4.add(s1, e1);
    }
    for (; off < end4; off += 16) {
      const e0 = vexp(f32x4.mul(f32x4.sub(v128.load(p + off), vmax), vt));
      v128.store(p + off, e0);
      s0 = f32x4.add(s0, e0);
    }
    let sum = hsum(f32x4.add(s0, s1));
    for (; off < rowBytes; off += 4) {
      const e = sexp((load<f32>(p + off) - max) * invT);
      store<f32>(p + off, e);
      sum += e;
    }
    // normalise
    const inv: f32 = 1 / sum;
    const vinv = f32x4.splat(inv);
    off = 0;
    for (; off < end4; off += 16) v128.store(p + off, f32x4.mul(v128.load(p + off), vinv));
    for (; off < rowBytes; off += 4) store<f32>(p + off, load<f32>(p + off) * inv);
  }
}
