// JS twins of the element-wise ops and reductions.

export function addJs(f: Float32Array, out: number, a: number, b: number, n: number): void {
  for (let i = 0; i < n; i++) f[out + i] = f[a + i]! + f[b + i]!;
}

/** First index of the maximum; NaN never wins; 0 when every element is NaN. */
export function argmaxJs(f: Float32Array, x: number, n: number): number {
  let best = -1;
  let bv = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = f[x + i]!;
    if (v > bv || (best < 0 && v === -Infinity)) {
      best = i;
      bv = v;
    }
  }
  return best < 0 ? 0 : best;
}
