// JS twin of softmaxRows: per row, max-subtract, exp, normalise; -Infinity entries give 0 and a
// row that is entirely -Infinity becomes zeros (never NaN).

export function softmaxRowsJs(f: Float32Array, x: number, rows: number, cols: number, invT: number): void {
  for (let r = 0; r < rows; r++) {
    const a = x + r * cols;
    const e = a + cols;
    let max = -Infinity;
    for (let i = a; i < e; i++) {
      const v = f[i]!;
      if (v > max) max = v;
    }
    if (max === -Infinity) {
      f.fill(0, a, e);
      continue;
    }
    let sum = 0;
    for (let i = a; i < e; i++) {
      const p = Math.exp((f[i]! - max) * invT);
      f[i] = p;
      sum += p;
    }
    const inv = 1 / sum;
    for (let i = a; i < e; i++) f[i] *= inv;
  }
}
