// softmax over rows, in place: a max pass, an exp pass (e^((x − max)/T), stored, summed in two
// v128 accumulators) and a scale pass. −Infinity entries become 0; an all −Infinity row becomes
// zeros (never NaN). The exp is vexpNonPos: its argument is ≤ 0 after the max subtraction.

import { hsum } from "./simd";
import { vexpNonPos } from "./exp";

/** Max of the four lanes (pmax: one instruction; NaN lanes are skipped). */
// @ts-ignore: decorator
@inline function hpmax(v: v128): f32 {
  const s = f32x4.pmax(v, v128.shuffle<f32>(v, v, 2, 3, 0, 1));
  return f32x4.extract_lane(f32x4.pmax(s, v128.shuffle<f32>(s, s, 1, 0, 3, 2)), 0);
}

/** Largest element of p[0..cols). */
// @ts-ignore: decorator
@inline function rowMax(p: usize, rowBytes: usize, end16: usize, end4: usize): f32 {
  let m0 = f32x4.splat(-Infinity), m1 = m0, m2 = m0, m3 = m0;
  let off: usize = 0;
  for (; off < end16; off += 64) {
    m0 = f32x4.pmax(m0, v128.load(p + off));
    m1 = f32x4.pmax(m1, v128.load(p + off, 16));
    m2 = f32x4.pmax(m2, v128.load(p + off, 32));
    m3 = f32x4.pmax(m3, v128.load(p + off, 48));
  }
  for (; off < end4; off += 16) m0 = f32x4.pmax(m0, v128.load(p + off));
  let max = hpmax(f32x4.pmax(f32x4.pmax(m0, m1), f32x4.pmax(m2, m3)));
  for (; off < rowBytes; off += 4) {
    const v = load<f32>(p + off);
    if (v > max) max = v;
  }
  return max;
}

export function softmax_f32_rows(x: usize, rows: i32, cols: i32, invT: f32): void {
  const rowBytes = <usize>cols << 2;
  const end16 = <usize>(cols & ~15) << 2;
  const end4 = <usize>(cols & ~3) << 2;
  for (let r = 0; r < rows; r++) {
    const p = x + <usize>r * rowBytes;
    const max = rowMax(p, rowBytes, end16, end4);
    if (max == -Infinity) {
      memory.fill(p, 0, rowBytes);
      continue;
    }
    // e^((x − max)·invT) and the sum
    const vmax = f32x4.splat(max);
    const vt = f32x4.splat(invT);
    let s0 = f32x4.splat(0), s1 = f32x4.splat(0);
    let off: usize = 0;
    for (; off < end16; off += 64) {
      const e0 = vexpNonPos(f32x4.mul(f32x4.sub(v128.load(p + off), vmax), vt));
      const e1 = vexpNonPos(f32x4.mul(f32x4.sub(v128.load(p + off, 16), vmax), vt));
      const e2 = vexpNonPos(f32x4.mul(f32x4.sub(v128.load(p + off, 32), vmax), vt));
      const e3 = vexpNonPos(f32x4.mul(f32x4.sub(v128.load(p + off, 48), vmax), vt));
      v128.store(p + off, e0);
      v128.store(p + off, e1, 16);
      v128.store(p + off, e2, 32);
      v128.store(p + off, e3, 48);
      s0 = f32x4.add(s0, f32x4.add(e0, e2));
      s1 = f32x4.add(s1, f32x4.add(e1, e3));
    }
    for (; off < end4; off += 16) {
      const e0 = vexpNonPos(f32x4.mul(f32x4.sub(v128.load(p + off), vmax), vt));
      v128.store(p + off, e0);
      s0 = f32x4.add(s0, e0);
    }
    let sum = hsum(f32x4.add(s0, s1));
    for (; off < rowBytes; off += 4) {
      const e = f32x4.extract_lane(vexpNonPos(f32x4.splat((load<f32>(p + off) - max) * invT)), 0);
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
