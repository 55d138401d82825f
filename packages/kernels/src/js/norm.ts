// JS twins of rmsnorm and layernorm (row-wise; out may equal x). Sums in float64.

export function rmsnormJs(f: Float32Array, out: number, x: number, w: number, rows: number, dim: number, eps: number): void {
  for (let r = 0; r < rows; r++) {
    const xr = x + r * dim;
    const or = out + r * dim;
    let ss = 0;
    for (let i = 0; i < dim; i++) {
      const v = f[xr + i]!;
      ss += v * v;
    }
    const inv = 1 / Math.sqrt(ss / dim + eps);
    for (let i = 0; i < dim; i++) f[or + i] = f[xr + i]! * inv * f[w + i]!;
  }
}

export function layernormJs(
  f: Float32Array, out: number, x: number, w: number, b: number, rows: number, dim: number, eps: number,
): void {
  for (let r = 0; r < rows; r++) {
    const xr = x + r * dim;
    const or = out + r * dim;
    let s = 0;
    for (let i = 0; i < dim; i++) s += f[xr + i]!;
    const mean = s / dim;
    let ss = 0;
    for (let i = 0; i < dim; i++) {
      const d = f[xr + i]! - mean;
      ss += d * d;
    }
    const inv = 1 / Math.sqrt(ss / dim + eps);
    for (let i = 0; i < dim; i++) f[or + i] = (f[xr + i]! - mean) * inv * f[w + i]! + f[b + i]!;
  }
}
