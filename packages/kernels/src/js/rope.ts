// JS twin of rope: rotate the first rotaryDim dims of every head of x [T, heads, headDim] in place,
// position pos0 + t for row t; cos/sin tables are [maxLen, rotaryDim/2].
// interleaved: pairs (x[2i], x[2i+1]) (llama2.c / Meta); half: pairs (x[i], x[i + rotaryDim/2]) (HF).

export function ropeJs(
  f: Float32Array, x: number, cos: number, sin: number, T: number, heads: number, headDim: number, rotaryDim: number,
  pos0: number, interleaved: boolean,
): void {
  const half = rotaryDim >> 1;
  for (let t = 0; t < T; t++) {
    const c = cos + (pos0 + t) * half;
    const s = sin + (pos0 + t) * half;
    for (let h = 0; h < heads; h++) {
      const base = x + (t * heads + h) * headDim;
      for (let i = 0; i < half; i++) {
        const i0 = interleaved ? base + 2 * i : base + i;
        const i1 = interleaved ? i0 + 1 : i0 + half;
        const a = f[i0]!;
        const b = f[i1]!;
        const cv = f[c + i]!;
        const sv = f[s + i]!;
        f[i0] = a * cv - b * sv;
        f[i1] = a * sv + b * cv;
      }
    }
  }
}
