// IEEE 754 binary16 (F16) and bfloat16 (BF16) encoders/decoders for test-written checkpoints,
// written from the formats' definitions (not from the packages under test).

/** The binary16 bits of `v`, rounded to nearest (subnormals kept; no overflow handling: tests stay in range). */
export function f16Bits(v) {
  const s = v < 0 || Object.is(v, -0) ? 0x8000 : 0;
  v = Math.abs(v);
  if (v === 0) return s;
  let e = Math.floor(Math.log2(v));
  if (e < -14) return s | Math.round(v / 2 ** -24);
  let m = Math.round((v / 2 ** e - 1) * 1024);
  if (m === 1024) {
    m = 0;
    e++;
  }
  return s | ((e + 15) << 10) | m;
}

/** The value of binary16 bits `h`. */
export function fromF16Bits(h) {
  const e = (h >> 10) & 31;
  const m = h & 1023;
  const v = e === 0 ? m * 2 ** -24 : (1 + m / 1024) * 2 ** (e - 15);
  return h & 0x8000 ? -v : v;
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** The bfloat16 bits of `v`: the top 16 bits of its float32 (truncation; any fixed rule serves a test). */
export function bf16Bits(v) {
  f32[0] = v;
  return u32[0] >>> 16;
}

/** The value of bfloat16 bits `h`. */
export function fromBf16Bits(h) {
  u32[0] = h << 16;
  return f32[0];
}

/** `v` as the dtype stores it (exactly representable in float32 for all three). */
export function roundToDtype(v, dtype) {
  if (dtype === "F16") return fromF16Bits(f16Bits(v));
  if (dtype === "BF16") return fromBf16Bits(bf16Bits(v));
  return Math.fround(v);
}
