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
