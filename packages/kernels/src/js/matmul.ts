// JS twin of matmul: y[M,N] (=|+=) x[M,K]·W[N,K]ᵀ (+ bias). Arguments are element indices into the
// heap's Float32Array. Four weight rows are dotted against one x row at a time (4 independent
// accumulators, one x load shared by four multiply-adds); each 4-row block of W stays in L1 while
// every x row passes over it. Accumulation is in float64 (JS numbers), rounded once on store.

export function matmulJs(
  f: Float32Array, y: number, x: number, w: number, bias: number, M: number, K: number, N: number, accumulate: boolean,
): void {
  let n = 0;
  for (; n + 4 <= N; n += 4) {
    const w0 = w + n * K;
    const w1 = w0 + K;
    const w2 = w1 + K;
    const w3 = w2 + K;
    const b0 = bias >= 0 ? f[bias + n]! : 0;
    const b1 = bias >= 0 ? f[bias + n + 1]! : 0;
    const b2 = bias >= 0 ? f[bias + n + 2]! : 0;
    const b3 = bias >= 0 ? f[bias + n + 3]! : 0;
    for (let m = 0; m < M; m++) {
      const xr = x + m * K;
      let s0 = b0;
      let s1 = b1;
      let s2 = b2;
      let s3 = b3;
      for (let k = 0; k < K; k++) {
        const xv = f[xr + k]!;
        s0 += xv * f[w0 + k]!;
        s1 += xv * f[w1 + k]!;
        s2 += xv * f[w2 + k]!;
        s3 += xv * f[w3 + k]!;
      }
      const yr = y + m * N + n;
      if (accumulate) {
        f[yr] += s0;
        f[yr + 1] += s1;
        f[yr + 2] += s2;
        f[yr + 3] += s3;
      } else {
        f[yr] = s0;
        f[yr + 1] = s1;
        f[yr + 2] = s2;
        f[yr + 3] = s3;
      }
    }
  }
  // Remaining 0..3 weight rows: one dot product each, unrolled 4-way over K.
  for (; n < N; n++) {
    const wr = w + n * K;
    const b = bias >= 0 ? f[bias + n]! : 0;
    for (let m = 0; m < M; m++) {
      const s = b + dotJs(f, x + m * K, wr, K);
      const yi = y + m * N + n;
      f[yi] = accumulate ? f[yi]! + s : s;
    }
  }
}

/** Dot product of f[a..a+n) and f[b..b+n), four partial sums. */
export function dotJs(f: Float32Array, a: number, b: number, n: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    s0 += f[a + i]! * f[b + i]!;
    s1 += f[a + i + 1]! * f[b + i + 1]!;
    s2 += f[a + i + 2]! * f[b + i + 2]!;
    s3 += f[a + i + 3]! * f[b + i + 3]!;
  }
  for (; i < n; i++) s0 += f[a + i]! * f[b + i]!;
  return s0 + s1 + (s2 + s3);
}

/**
 * JS twin of matmul over W packed "n4k4" (src/packed.ts): per 4-row panel and x row, the panel is
 * read front to back — each 4-column block gives 4 values to each of 4 accumulators — so the
 * weights stream sequentially as in the wasm kernel. Padding rows/columns are zero and never stored.
 */
export function matmulPackedJs(
  f: Float32Array, y: number, x: number, w: number, bias: number, M: number, K: number, N: number, accumulate: boolean,
): void {
  const blocks = (K + 3) >>> 2;
  for (let n0 = 0; n0 < N; n0 += 4) {
    const panel = w + n0 * blocks * 4;
    const rows = Math.min(4, N - n0);
    for (let m = 0; m < M; m++) {
      const xr = x + m * K;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let p = panel;
      for (let b = 0; b < blocks; b++, p += 16) {
        const k = b * 4;
        const x0 = f[xr + k]!;
        const x1 = k + 1 < K ? f[xr + k + 1]! : 0;
        const x2 = k + 2 < K ? f[xr + k + 2]! : 0;
        const x3 = k + 3 < K ? f[xr + k + 3]! : 0;
        s0 += x0 * f[p]! + x1 * f[p + 1]! + x2 * f[p + 2]! + x3 * f[p + 3]!;
        s1 += x0 * f[p + 4]! + x1 * f[p + 5]! + x2 * f[p + 6]! + x3 * f[p + 7]!;
        s2 += x0 * f[p + 8]! + x1 * f[p + 9]! + x2 * f[p + 10]! + x3 * f[p + 11]!;
        s3 += x0 * f[p + 12]! + x1 * f[p + 13]! + x2 * f[p + 14]! + x3 * f[p + 15]!;
      }
      const yr = y + m * N + n0;
      storeSum(f, yr, s0, bias >= 0 ? f[bias + n0]! : 0, accumulate);
      if (rows > 1) storeSum(f, yr + 1, s1, bias >= 0 ? f[bias + n0 + 1]! : 0, accumulate);
      if (rows > 2) storeSum(f, yr + 2, s2, bias >= 0 ? f[bias + n0 + 2]! : 0, accumulate);
      if (rows > 3) storeSum(f, yr + 3, s3, bias >= 0 ? f[bias + n0 + 3]! : 0, accumulate);
    }
  }
}

/** f[i] = s + b (+ f[i] when accumulating). */
function storeSum(f: Float32Array, i: number, s: number, b: number, accumulate: boolean): void {
  f[i] = accumulate ? f[i]! + (s + b) : s + b;
}
