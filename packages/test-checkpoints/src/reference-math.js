// Float64 building blocks for reference forward passes, written from the PyTorch / HF definitions
// (not from the packages under test). Vectors are plain number arrays; weights any array of numbers.

/** y = W x + b for W [out, in] (PyTorch Linear). */
export function linear(w, x, out, bias) {
  const n = x.length;
  return Array.from({ length: out }, (_, o) => x.reduce((s, v, i) => s + w[o * n + i] * v, bias ? bias[o] : 0));
}

/** y = x W + b for W [in, out] (GPT-2's Conv1D). */
export function conv1d(w, x, out, bias) {
  return Array.from({ length: out }, (_, o) => x.reduce((s, v, i) => s + w[i * out + o] * v, bias[o]));
}

/** RMSNorm: x / sqrt(mean(x²) + eps) · g. */
export function rmsnorm(x, g, eps) {
  const ms = x.reduce((s, v) => s + v * v, 0) / x.length;
  return x.map((v, i) => (v / Math.sqrt(ms + eps)) * g[i]);
}

/** LayerNorm: (x - mean) / sqrt(var + eps) · g + b (biased variance). */
export function layernorm(x, g, b, eps) {
  const mean = x.reduce((s, v) => s + v, 0) / x.length;
  const variance = x.reduce((s, v) => s + (v - mean) ** 2, 0) / x.length;
  return x.map((v, i) => ((v - mean) / Math.sqrt(variance + eps)) * g[i] + b[i]);
}

/** softmax(q_head · k_kvHead / √headSize) over `keys` (each [kvHeads·headSize]); `q` is [heads·headSize]. */
export function attentionWeights(q, keys, head, kvHead, headSize) {
  const scores = keys.map((k) => {
    let s = 0;
    for (let i = 0; i < headSize; i++) s += q[head * headSize + i] * k[kvHead * headSize + i];
    return s / Math.sqrt(headSize);
  });
  const m = Math.max(...scores);
  const e = scores.map((s) => Math.exp(s - m));
  const z = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / z);
}

/**
 * One query position attending over keys/values 0..n-1 (causal when they are the positions so far),
 * every head; query head h reads kv head ⌊h / (heads / kvHeads)⌋ (grouped-query attention).
 */
export function attend(q, keys, values, heads, kvHeads, headSize) {
  const out = [];
  for (let h = 0; h < heads; h++) {
    const g = Math.floor(h / (heads / kvHeads));
    const p = attentionWeights(q, keys, h, g, headSize);
    for (let i = 0; i < headSize; i++) out.push(p.reduce((s, pj, j) => s + pj * values[j][g * headSize + i], 0));
  }
  return out;
}

/** GPT-2's gelu_new (the tanh approximation). */
export function geluTanh(x) {
  return 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3)));
}

/** SiLU: x · sigmoid(x). */
export function silu(x) {
  return x / (1 + Math.exp(-x));
}
