// RoPE in place on x [T, heads, headDim]; cos/sin tables [maxLen, rotaryDim/2]; row t uses
// position pos0 + t. Dims at and past rotaryDim are left untouched.
//   interleaved (llama2.c / Meta): pairs (x[2i], x[2i+1]); vectorised by de-interleaving 8 floats.
//   half (Hugging Face rotate_half): pairs (x[i], x[i + rotaryDim/2]); vectorised directly.

export function rope_f32(
  x: usize, cos: usize, sin: usize, T: i32, heads: i32, headDim: i32, rotaryDim: i32, pos0: i32, interleaved: i32,
): void {
  const half = rotaryDim >> 1;
  const halfBytes = <usize>half << 2;
  const headBytes = <usize>headDim << 2;
  for (let t = 0; t < T; t++) {
    const c = cos + <usize>(pos0 + t) * halfBytes;
    const s = sin + <usize>(pos0 + t) * halfBytes;
    for (let h = 0; h < heads; h++) {
      const p = x + <usize>(t * heads + h) * headBytes;
      if (interleaved) ropeInterleaved(p, c, s, half);
      else ropeHalf(p, c, s, half);
    }
  }
}

// @ts-ignore: decorator
@inline function ropeHalf(p: usize, c: usize, s: usize, half: i32): void {
  const q = p + (<usize>half << 2);
  const end4 = <usize>(half & ~3) << 2;
  const end = <usize>half << 2;
  let off: usize = 0;
  for (; off < end4; off += 16) {
    const a = v128.load(p + off);
    const b = v128.load(q + off);
    const cv = v128.load(c + off);
    const sv = v128.load(s + off);
    v128.store(p + off, f32x4.sub(f32x4.mul(a, cv), f32x4.mul(b, sv)));
    v128.store(q + off, f32x4.add(f32x4.mul(a, sv), f32x4.mul(b, cv)));
  }
  for (; off < end; off += 4) {
    const a = load<f32>(p + off);
    const b = load<f32>(q + off);
    const cv = load<f32>(c + off);
    const sv = load<f32>(s + off);
    store<f32>(p + off, a * cv - b * sv);
    store<f32>(q + off, a * sv + b * cv);
  }
}

// @ts-ignore: decorator
@inline function ropeInterleaved(p: usize, c: usize, s: usize, half: i32): void {
  const n4 = half & ~3;
  let i = 0;
  for (; i < n4; i += 4) {
    const xp = p + (<usize>i << 3);
    const v0 = v128.load(xp);
    const v1 = v128.load(xp, 16);
    const a = v128.shuffle<f32>(v0, v1, 0, 2, 4, 6);
    const b = v128.shuffle<f32>(v0, v1, 1, 3, 5, 7);
    const cv = v128.load(c + (<usize>i << 2));
    const sv = v128.load(s + (<usize>i << 2));
    const ra = f32x4.sub(f32x4.mul(a, cv), f32x4.mul(b, sv));
    const rb = f32x4.add(f32x4.mul(a, sv), f32x4.mul(b, cv));
    v128.store(xp, v128.shuffle<f32>(ra, rb, 0, 4, 1, 5));
    v128.store(xp, v128.shuffle<f32>(ra, rb, 2, 6, 3, 7), 16);
  }
  for (; i < half; i++) {
    const xp = p + (<usize>i << 3);
    const a = load<f32>(xp);
    const b = load<f32>(xp, 4);
    const cv = load<f32>(c + (<usize>i << 2));
    const sv = load<f32>(s + (<usize>i << 2));
    store<f32>(xp, a * cv - b * sv);
    store<f32>(xp, a * sv + b * cv, 4);
  }
}
