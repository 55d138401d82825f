// softmax over rows, in place. Per row: the max, then e^((x − max)/T) stored and summed (one v128
// accumulator), then a scale pass by 1/sum. −Infinity entries become 0; an all −Infinity row
// becomes zeros (never NaN). The exp is vexpNonPos: its argument is ≤ 0 after the max subtraction.
//
// The max of row r + 1 is taken inside row r's exp loop (four more loads and max per 16 elements,
// on pipes the exp leaves idle): a separate max pass is a plain stream that, on rows fetched from
// L3 or memory, costs as much as the memory traffic, while interleaved with the exp it is hidden
// behind the arithmetic and brings the next row into cache early. T = 1 (invT = 1) skips the
// multiply by invT.

import { hsum } from "./simd";
import { vexpNonPos } from "./exp";

/** Max of the four lanes (pmax: one instruction; NaN lanes are skipped). */
// @ts-ignore: decorator
@inline function hpmax(v: v128): f32 {
  const s = f32x4.pmax(v, v128.shuffle<f32>(v, v, 2, 3, 0, 1));
  return f32x4.extract_lane(f32x4.pmax(s, v128.shuffle<f32>(s, s, 1, 0, 3, 2)), 0);
}

/** Max of the lanes of m and of p[from..rowBytes) (from a multiple of 16 bytes). */
// @ts-ignore: decorator
@inline function finishMax(m: v128, p: usize, from: usize, end4: usize, rowBytes: usize): f32 {
  let off = from;
  for (; off < end4; off += 16) m = f32x4.pmax(m, v128.load(p + off));
  let max = hpmax(m);
  for (; off < rowBytes; off += 4) {
    const v = load<f32>(p + off);
    if (v > max) max = v;
  }
  return max;
}

/** Largest element of p[0..cols). */
function rowMax(p: usize, rowBytes: usize, end16: usize, end4: usize): f32 {
  let m0 = f32x4.splat(-Infinity), m1 = m0, m2 = m0, m3 = m0;
  let off: usize = 0;
  for (; off < end16; off += 64) {
    m0 = f32x4.pmax(m0, v128.load(p + off));
    m1 = f32x4.pmax(m1, v128.load(p + off, 16));
    m2 = f32x4.pmax(m2, v128.load(p + off, 32));
    m3 = f32x4.pmax(m3, v128.load(p + off, 48));
  }
  return finishMax(f32x4.pmax(f32x4.pmax(m0, m1), f32x4.pmax(m2, m3)), p, end16, end4, rowBytes);
}

/** 16 values at a: each replaced by expShift of itself; returns their sum in four lanes. */
// @ts-ignore: decorator
@inline function expStore16(a: usize, vmax: v128, vt: v128, scaled: bool): v128 {
  const e0 = expShift(v128.load(a), vmax, vt, scaled);
  const e1 = expShift(v128.load(a, 16), vmax, vt, scaled);
  const e2 = expShift(v128.load(a, 32), vmax, vt, scaled);
  const e3 = expShift(v128.load(a, 48), vmax, vt, scaled);
  v128.store(a, e0);
  v128.store(a, e1, 16);
  v128.store(a, e2, 32);
  v128.store(a, e3, 48);
  return f32x4.add(f32x4.add(e0, e1), f32x4.add(e2, e3));
}

/** e^((v − max)·invT) for one vector; `scaled` false means invT = 1. */
// @ts-ignore: decorator
@inline function expShift(v: v128, vmax: v128, vt: v128, scaled: bool): v128 {
  const d = f32x4.sub(v, vmax);
  return vexpNonPos(scaled ? f32x4.mul(d, vt) : d);
}

export function softmax_f32_rows(x: usize, rows: i32, cols: i32, invT: f32): void {
  if (invT == 1) softmaxRowsT1(x, rows, cols);
  else softmaxRowsT(x, rows, cols, invT);
}

// Two functions, not one inlined twice: binaryen folds two inlined copies that differ in one
// constant back into one loop with a per-vector select on invT.
function softmaxRowsT1(x: usize, rows: i32, cols: i32): void {
  softmaxRows(x, rows, cols, 1, false);
}

function softmaxRowsT(x: usize, rows: i32, cols: i32, invT: f32): void {
  softmaxRows(x, rows, cols, invT, true);
}

// @ts-ignore: decorator
@inline function softmaxRows(x: usize, rows: i32, cols: i32, invT: f32, scaled: bool): void {
  const rowBytes = <usize>cols << 2;
  const end16 = <usize>(cols & ~15) << 2;
  const end4 = <usize>(cols & ~3) << 2;
  const vt = f32x4.splat(invT);
  let nextMax: f32 = rows > 0 ? rowMax(x, rowBytes, end16, end4) : 0;
  for (let r = 0; r < rows; r++) {
    const p = x + <usize>r * rowBytes;
    const q = p + rowBytes; // the next row, when there is one
    const hasNext = r + 1 < rows;
    const max = nextMax;
    if (max == -Infinity) {
      memory.fill(p, 0, rowBytes);
      if (hasNext) nextMax = rowMax(q, rowBytes, end16, end4);
      continue;
    }
    // e^((x − max)·invT), stored, and the sum (and the next row's max)
    const vmax = f32x4.splat(max);
    let s = f32x4.splat(0);
    let off: usize = 0;
    if (hasNext) {
      let m = f32x4.splat(-Infinity);
      for (; off < end16; off += 64) {
        s = f32x4.add(s, expStore16(p + off, vmax, vt, scaled));
        const n01 = f32x4.pmax(v128.load(q + off), v128.load(q + off, 16));
        const n23 = f32x4.pmax(v128.load(q + off, 32), v128.load(q + off, 48));
        m = f32x4.pmax(m, f32x4.pmax(n01, n23));
      }
      nextMax = finishMax(m, q, end16, end4, rowBytes);
    } else {
      for (; off < end16; off += 64) {
        s = f32x4.add(s, expStore16(p + off, vmax, vt, scaled));
      }
    }
    for (; off < end4; off += 16) {
      const e0 = expShift(v128.load(p + off), vmax, vt, scaled);
      v128.store(p + off, e0);
      s = f32x4.add(s, e0);
    }
    let sum = hsum(s);
    for (; off < rowBytes; off += 4) {
      const d = load<f32>(p + off) - max;
      const e = f32x4.extract_lane(vexpNonPos(f32x4.splat(scaled ? d * invT : d)), 0);
      store<f32>(p + off, e);
      sum += e;
    }
    // normalise
    const inv: f32 = 1 / sum;
    const vinv = f32x4.splat(inv);
    off = 0;
    for (; off < end16; off += 64) {
      v128.store(p + off, f32x4.mul(v128.load(p + off), vinv));
      v128.store(p + off, f32x4.mul(v128.load(p + off, 16), vinv), 16);
      v128.store(p + off, f32x4.mul(v128.load(p + off, 32), vinv), 32);
      v128.store(p + off, f32x4.mul(v128.load(p + off, 48), vinv), 48);
    }
    for (; off < end4; off += 16) v128.store(p + off, f32x4.mul(v128.load(p + off), vinv));
    for (; off < rowBytes; off += 4) store<f32>(p + off, load<f32>(p + off) * inv);
  }
}
