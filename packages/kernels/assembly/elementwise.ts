// Element-wise add and argmax.

export function add_f32(out: usize, a: usize, b: usize, n: i32): void {
  const end16 = <usize>(n & ~15) << 2;
  const end4 = <usize>(n & ~3) << 2;
  const end = <usize>n << 2;
  let off: usize = 0;
  for (; off < end16; off += 64) {
    const u0 = f32x4.add(v128.load(a + off), v128.load(b + off));
    const u1 = f32x4.add(v128.load(a + off, 16), v128.load(b + off, 16));
    const u2 = f32x4.add(v128.load(a + off, 32), v128.load(b + off, 32));
    const u3 = f32x4.add(v128.load(a + off, 48), v128.load(b + off, 48));
    v128.store(out + off, u0);
    v128.store(out + off, u1, 16);
    v128.store(out + off, u2, 32);
    v128.store(out + off, u3, 48);
  }
  for (; off < end4; off += 16) v128.store(out + off, f32x4.add(v128.load(a + off), v128.load(b + off)));
  for (; off < end; off += 4) store<f32>(out + off, load<f32>(a + off) + load<f32>(b + off));
}

/**
 * Index of the first maximum of x[0..n); NaN never wins; 0 when every element is NaN.
 * Each lane keeps its own first maximum (strictly-greater updates); "no index yet" (-1) also
 * accepts -Infinity so an all -Infinity input returns its first index.
 */
export function argmax_f32(x: usize, n: i32): i32 {
  let bestV = f32x4.splat(-Infinity);
  let bestI = i32x4.splat(-1);
  let idx = i32x4(0, 1, 2, 3);
  const four = i32x4.splat(4);
  const none = i32x4.splat(-1);
  const ninf = f32x4.splat(-Infinity);
  const end4 = <usize>(n & ~3) << 2;
  let off: usize = 0;
  for (; off < end4; off += 16) {
    const v = v128.load(x + off);
    const take = v128.or(f32x4.gt(v, bestV), v128.and(i32x4.eq(bestI, none), f32x4.eq(v, ninf)));
    bestV = v128.bitselect(v, bestV, take);
    bestI = v128.bitselect(idx, bestI, take);
    idx = i32x4.add(idx, four);
  }
  // Reduce the lanes: larger value wins; on equal values the smaller (valid) index wins.
  let best: i32 = -1;
  let bv: f32 = -Infinity;
  for (let l = 0; l < 4; l++) {
    let v: f32;
    let i: i32;
    switch (l) {
      case 0: v = f32x4.extract_lane(bestV, 0); i = i32x4.extract_lane(bestI, 0); break;
      case 1: v = f32x4.extract_lane(bestV, 1); i = i32x4.extract_lane(bestI, 1); break;
      case 2: v = f32x4.extract_lane(bestV, 2); i = i32x4.extract_lane(bestI, 2); break;
      default: v = f32x4.extract_lane(bestV, 3); i = i32x4.extract_lane(bestI, 3); break;
    }
    if (i < 0) continue;
    if (best < 0 || v > bv || (v == bv && i < best)) {
      best = i;
      bv = v;
    }
  }
  const end = <usize>n << 2;
  for (; off < end; off += 4) {
    const v = load<f32>(x + off);
    if (v > bv || (best < 0 && v == -Infinity)) {
      best = <i32>(off >> 2);
      bv = v;
    }
  }
  return best < 0 ? 0 : best;
}
