// Position information other than RoPE (which the kernels apply): the fixed sinusoidal table of
// "Attention Is All You Need" and ALiBi's per-head slopes.

/** PE[pos, 2i] = sin(pos / 10000^(2i/d)), PE[pos, 2i+1] = cos(same), as a [maxLen, dim] array. */
export function sinusoidalTable(maxLen: number, dim: number): Float32Array {
  const table = new Float32Array(maxLen * dim);
  for (let pos = 0; pos < maxLen; pos++)
    for (let i = 0; i < dim; i += 2) {
      const angle = pos / 10000 ** (i / dim);
      table[pos * dim + i] = Math.sin(angle);
      if (i + 1 < dim) table[pos * dim + i + 1] = Math.cos(angle);
    }
  return table;
}

/**
 * ALiBi slopes (Press et al.): for n a power of two, 2^(-8(i+1)/n); otherwise the slopes of the
 * closest lower power of two followed by every other slope of the next one.
 */
export function alibiSlopes(heads: number): Float32Array {
  const pow2 = (n: number): number[] => Array.from({ length: n }, (_, i) => 2 ** ((-8 * (i + 1)) / n));
  const lower = 2 ** Math.floor(Math.log2(heads));
  const slopes = pow2(lower);
  if (lower < heads) slopes.push(...pow2(2 * lower).filter((_, i) => i % 2 === 0).slice(0, heads - lower));
  return Float32Array.from(slopes);
}
