// Choosing the next token from logits: greedy, or temperature → top-k → top-p (nucleus) → a draw with
// a seeded RNG. Written for the demo's display; the model package has the reference sampler.

export interface SamplerSettings {
  /** 0 = greedy (argmax). */
  temperature: number;
  /** Keep only the k most likely tokens; 0 = off. */
  topK: number;
  /** Keep the smallest set whose probability reaches p; 1 = off. */
  topP: number;
}

/** Lowest index of the largest value. */
export function argmax(x: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < x.length; i++) if ((x[i] as number) > (x[best] as number)) best = i;
  return best;
}

/**
 * The candidates left after temperature, top-k and top-p, with renormalised probabilities, most
 * likely first. `u` in [0, 1) then picks one by inverse CDF (see pick).
 */
export function filteredDistribution(logits: ArrayLike<number>, s: SamplerSettings): { ids: number[]; probs: number[] } {
  const n = logits.length;
  let max = -Infinity;
  for (let i = 0; i < n; i++) max = Math.max(max, logits[i] as number);
  const weights = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += weights[i] = Math.exp(((logits[i] as number) - max) / s.temperature);
  let ids = Array.from({ length: n }, (_, i) => i).sort((a, b) => (weights[b] as number) - (weights[a] as number) || a - b);
  if (s.topK > 0 && s.topK < n) ids = ids.slice(0, s.topK);
  let kept = ids.reduce((acc, i) => acc + (weights[i] as number), 0);
  if (s.topP < 1) {
    let cumulative = 0;
    let cut = ids.length;
    for (let j = 0; j < ids.length; j++) {
      cumulative += (weights[ids[j] as number] as number) / sum;
      if (cumulative >= s.topP) {
        cut = j + 1;
        break;
      }
    }
    ids = ids.slice(0, cut);
    kept = ids.reduce((acc, i) => acc + (weights[i] as number), 0);
  }
  return { ids, probs: ids.map((i) => (weights[i] as number) / kept) };
}

/** Inverse-CDF pick of u ∈ [0, 1) from a distribution. */
export function pick(d: { ids: number[]; probs: number[] }, u: number): number {
  let cumulative = 0;
  for (let j = 0; j < d.ids.length; j++) {
    cumulative += d.probs[j] as number;
    if (u < cumulative) return d.ids[j] as number;
  }
  return d.ids[d.ids.length - 1] as number;
}

export function sampleToken(logits: ArrayLike<number>, s: SamplerSettings, uniform: () => number): number {
  if (s.temperature <= 0) return argmax(logits);
  return pick(filteredDistribution(logits, s), uniform());
}
