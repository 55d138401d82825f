// JS twins of the activations (out may equal the input).

/** silu(x) = x·σ(x) = x / (1 + e^-x). */
export function siluJs(f: Float32Array, out: number, x: number, n: number): void {
  for (let i = 0; i < n; i++) {
    const v = f[x + i]!;
    f[out + i] = v / (1 + Math.exp(-v));
  }
}

const GELU_C = Math.sqrt(2 / Math.PI);

/**
 * GPT-2's gelu: 0.5·x·(1 + tanh z), z = √(2/π)·(x + 0.044715·x³), evaluated as x / (1 + e^{−2z})
 * (the same function: 0.5·(1 + tanh z) = σ(2z)), which does not cancel to 0 for negative x.
 */
export function geluJs(f: Float32Array, out: number, x: number, n: number): void {
  for (let i = 0; i < n; i++) {
    const v = f[x + i]!;
    f[out + i] = v / (1 + Math.exp(-2 * GELU_C * (v + 0.044715 * v * v * v)));
  }
}

/** swiglu(a, b) = silu(a)·b. */
export function swigluJs(f: Float32Array, out: number, a: number, b: number, n: number): void {
  for (let i = 0; i < n; i++) {
    const v = f[a + i]!;
    f[out + i] = (v / (1 + Math.exp(-v))) * f[b + i]!;
  }
}
