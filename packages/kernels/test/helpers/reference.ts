// Float64 reference math, written independently of the kernels (plain textbook formulas), plus the
// rounding-error constants the tolerances are built from.

/** Unit roundoff of float32 (round to nearest). */
export const U = 2 ** -24;
/** γ_n = n·u / (1 − n·u): the classic bound on the relative error of an n-term float32 sum. */
export const gamma = (n: number): number => (n * U) / (1 - n * U);
/** The documented max relative error of the kernels' float32 exp approximation (JS twins use Math.exp). */
export const EXP_REL = 2e-7;
/** Smallest normal float32: results below it may be flushed or denormal. */
export const TINY = 2 ** -126;

export function matmulRef(x: Float32Array, w: Float32Array, M: number, K: number, N: number, bias?: Float32Array): Float64Array {
  const y = new Float64Array(M * N);
  for (let m = 0; m < M; m++)
    for (let n = 0; n < N; n++) {
      let s = bias ? bias[n]! : 0;
      for (let k = 0; k < K; k++) s += x[m * K + k]! * w[n * K + k]!;
      y[m * N + n] = s;
    }
  return y;
}

/** Σ_k |x_k·w_k| (+|bias|) per output: the magnitude the dot-product error bound scales with. */
export function matmulAbsRef(x: Float32Array, w: Float32Array, M: number, K: number, N: number, bias?: Float32Array): Float64Array {
  const y = new Float64Array(M * N);
  for (let m = 0; m < M; m++)
    for (let n = 0; n < N; n++) {
      let s = bias ? Math.abs(bias[n]!) : 0;
      for (let k = 0; k < K; k++) s += Math.abs(x[m * K + k]! * w[n * K + k]!);
      y[m * N + n] = s;
    }
  return y;
}

/** Softmax of each row, in float64; -Infinity masked, all-masked rows → 0. */
export function softmaxRef(x: ArrayLike<number>, rows: number, cols: number, temperature = 1): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    let max = -Infinity;
    for (let c = 0; c < cols; c++) max = Math.max(max, x[r * cols + c]!);
    if (max === -Infinity) continue;
    let sum = 0;
    for (let c = 0; c < cols; c++) sum += Math.exp((x[r * cols + c]! - max) / temperature);
    for (let c = 0; c < cols; c++) out[r * cols + c] = Math.exp((x[r * cols + c]! - max) / temperature) / sum;
  }
  return out;
}

export function rmsnormRef(x: Float32Array, w: Float32Array, rows: number, dim: number, eps: number): Float64Array {
  const out = new Float64Array(rows * dim);
  for (let r = 0; r < rows; r++) {
    let ss = 0;
    for (let i = 0; i < dim; i++) ss += x[r * dim + i]! ** 2;
    const inv = 1 / Math.sqrt(ss / dim + eps);
    for (let i = 0; i < dim; i++) out[r * dim + i] = x[r * dim + i]! * inv * w[i]!;
  }
  return out;
}

export function layernormRef(x: Float32Array, w: Float32Array, b: Float32Array, rows: number, dim: number, eps: number): Float64Array {
  const out = new Float64Array(rows * dim);
  for (let r = 0; r < rows; r++) {
    let mean = 0;
    for (let i = 0; i < dim; i++) mean += x[r * dim + i]!;
    mean /= dim;
    let v = 0;
    for (let i = 0; i < dim; i++) v += (x[r * dim + i]! - mean) ** 2;
    v /= dim;
    for (let i = 0; i < dim; i++) out[r * dim + i] = ((x[r * dim + i]! - mean) / Math.sqrt(v + eps)) * w[i]! + b[i]!;
  }
  return out;
}

export const siluRef = (x: number): number => x / (1 + Math.exp(-x));
/** GPT-2's 0.5·x·(1 + tanh z), z = √(2/π)(x + 0.044715x³). For z < 0, 1 + tanh z cancels to 0 in
 *  float64 long before the true value underflows float32, so it is evaluated there through the exact
 *  identity 1 + tanh z = 2e^{2z}/(1 + e^{2z}). */
export const geluRef = (x: number): number => {
  const z = Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3);
  if (z >= 0) return 0.5 * x * (1 + Math.tanh(z));
  const e = Math.exp(2 * z);
  return (x * e) / (1 + e);
};

/** RoPE on a [T, heads, headDim] array, float64, angles computed directly (no table). */
export function ropeRef(
  x: Float32Array, T: number, heads: number, headDim: number, pos0: number, theta: number, rotaryDim: number,
  style: "interleaved" | "half",
): Float64Array {
  const out = Float64Array.from(x);
  const half = rotaryDim / 2;
  for (let t = 0; t < T; t++)
    for (let h = 0; h < heads; h++)
      for (let i = 0; i < half; i++) {
        const ang = (pos0 + t) * theta ** (-(2 * i) / rotaryDim);
        const base = (t * heads + h) * headDim;
        const i0 = style === "interleaved" ? base + 2 * i : base + i;
        const i1 = style === "interleaved" ? i0 + 1 : i0 + half;
        const a = x[i0]!;
        const b = x[i1]!;
        out[i0] = a * Math.cos(ang) - b * Math.sin(ang);
        out[i1] = a * Math.sin(ang) + b * Math.cos(ang);
      }
  return out;
}

export interface AttentionRefResult {
  out: Float64Array;
  /** [heads, T, kvLen] */
  weights: Float64Array;
  /** Per output element, an error bound derived from the float32 rounding of each stage. */
  tol: Float64Array;
}

/**
 * The naive formula: S = Q·Kᵀ·scale + alibi + causal mask → softmax → ·V, per head, float64.
 * tol per output: scores carry γ_headDim·scale·Σ|q·k| + u|s|; a score error δ changes each weight
 * by a factor within e^{±2δ}; exp adds EXP_REL and the sums γ_kvLen; so
 * |Δout_d| ≤ Σ_j p_j|v_jd| · (2·maxδ + 2·EXP_REL + 3γ_kvLen + 8u) (+ TINY).
 */
export function attentionRef(
  q: Float32Array, k: Float32Array, v: Float32Array, T: number, heads: number, kvHeads: number, headDim: number,
  kvLen: number, pos0: number, scale: number, slopes?: Float32Array,
): AttentionRefResult {
  const out = new Float64Array(T * heads * headDim);
  const tol = new Float64Array(T * heads * headDim);
  const weights = new Float64Array(heads * T * kvLen);
  const group = heads / kvHeads;
  for (let h = 0; h < heads; h++) {
    const kvh = Math.floor(h / group);
    for (let t = 0; t < T; t++) {
      const qpos = pos0 + t;
      const s = new Float64Array(kvLen).fill(-Infinity);
      let maxDelta = 0;
      for (let j = 0; j <= qpos; j++) {
        let dot = 0;
        let abs = 0;
        for (let d = 0; d < headDim; d++) {
          const p = q[(t * heads + h) * headDim + d]! * k[(j * kvHeads + kvh) * headDim + d]!;
          dot += p;
          abs += Math.abs(p);
        }
        s[j] = dot * scale + (slopes ? slopes[h]! * (j - qpos) : 0);
        maxDelta = Math.max(maxDelta, gamma(headDim + 2) * Math.abs(scale) * abs + 2 * U * (Math.abs(s[j]!) + 1));
      }
      const max = Math.max(...s);
      let sum = 0;
      for (let j = 0; j <= qpos; j++) sum += Math.exp(s[j]! - max);
      const rel = 2 * maxDelta + 2 * EXP_REL + 3 * gamma(kvLen + 4) + 8 * U;
      for (let j = 0; j <= qpos; j++) weights[(h * T + t) * kvLen + j] = Math.exp(s[j]! - max) / sum;
      for (let d = 0; d < headDim; d++) {
        let o = 0;
        let mag = 0;
        for (let j = 0; j <= qpos; j++) {
          const p = weights[(h * T + t) * kvLen + j]!;
          const vv = v[(j * kvHeads + kvh) * headDim + d]!;
          o += p * vv;
          mag += p * Math.abs(vv);
        }
        out[(t * heads + h) * headDim + d] = o;
        tol[(t * heads + h) * headDim + d] = mag * rel + TINY;
      }
    }
  }
  return { out, weights, tol };
}
