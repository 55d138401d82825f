// Choosing the next token from logits.
//
// createSampler({ temperature, topK, topP, minP, repetitionPenalty, seed }) — the everyday sampler:
//   penalise repeated tokens → greedy if temperature 0 → softmax(logits / T) in float64 → keep top-k,
//   then the smallest set with mass ≥ top-p, then tokens with p ≥ min-p · p_max → renormalise → draw.
// createLlama2cSampler({ temperature, topP, seed }) — run.c's sampler, bit for bit: float32
//   arithmetic, its xorshift RNG, its top-p cutoff and ordering, so outputs match the reference.

import { ModelInputError } from "./errors.js";
import { RankHeap, rankOrder } from "./rank-order.js";
import { SeededRng, XorShiftRng } from "./rng.js";

export interface SampleResult {
  id: number;
  /** log p(id) under the distribution that was sampled from (after temperature; before the cuts). */
  logprob: number;
}

export interface Sampler {
  /** Picks a token; `history` (ids so far) is used by the repetition penalty. Does not modify `logits`. */
  sample(logits: Float32Array, history?: ArrayLike<number>): SampleResult;
}

export interface SamplerOptions {
  /** 0 = greedy (default 1). */
  temperature?: number;
  /** Keep only the k most likely tokens (0 = off). */
  topK?: number;
  /** Nucleus: keep the smallest set of tokens whose mass reaches p (1 = off). */
  topP?: number;
  /** Keep tokens with probability ≥ minP × the top probability (0 = off). */
  minP?: number;
  /** > 1 discourages tokens already in the history (CTRL-style: divide positive logits, multiply negative). */
  repetitionPenalty?: number;
  seed?: number;
}

function checkRange(name: string, value: number, lo: number, hi: number): void {
  if (!Number.isFinite(value) || value < lo || value > hi) throw new ModelInputError(`sampler option ${name} must be in [${lo}, ${hi}], got ${value}`);
}

/** Index of the largest value (first on ties); throws on NaN logits. */
export function argmax(logits: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < logits.length; i++) if (logits[i]! > logits[best]!) best = i;
  if (Number.isNaN(logits[best]!)) throw new ModelInputError("logits contain NaN (a broken checkpoint or overflow)");
  return best;
}

/** The distribution softmax(logits / temperature) in float64, with the cuts applied (probabilities sum to 1). */
export function distribution(logits: ArrayLike<number>, options: SamplerOptions = {}): Float64Array {
  const t = options.temperature ?? 1;
  const n = logits.length;
  const p = new Float64Array(n);
  let max = -Infinity;
  for (let i = 0; i < n; i++) if (logits[i]! > max) max = logits[i]!;
  if (!Number.isFinite(max)) throw new ModelInputError(`logits are not finite (max ${max})`);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += p[i] = Math.exp((logits[i]! - max) / t);
  for (let i = 0; i < n; i++) p[i]! /= sum;
  applyCuts(p, options);
  return p;
}

function applyCuts(p: Float64Array, { topK = 0, topP = 1, minP = 0 }: SamplerOptions): void {
  if (!(topK > 0 && topK < p.length) && !(topP < 1) && !(minP > 0)) return;
  const order = cutCandidates(p, topK, topP, minP);
  let keep = order.length;
  if (topP < 1) {
    let mass = 0;
    for (let i = 0; i < keep; i++) {
      mass += p[order[i]!]!;
      if (mass >= topP) {
        keep = i + 1;
        break;
      }
    }
  }
  if (minP > 0) {
    const floor = minP * p[order[0]!]!;
    while (keep > 1 && p[order[keep - 1]!]! < floor) keep--;
  }
  let sum = 0;
  const kept = new Float64Array(keep);
  for (let i = 0; i < keep; i++) sum += kept[i] = p[order[i]!]!;
  p.fill(0);
  for (let i = 0; i < keep; i++) p[order[i]!] = kept[i]! / sum;
}

/**
 * The ids that can survive the cuts, in rank order — a prefix of the whole vocabulary's rank order
 * that is sure to contain every kept token, so the cuts give the same result as on the full order
 * without sorting the whole vocabulary each step:
 * - top-k: the k most likely;
 * - top-p: tokens with p ≥ (1 − topP) / (n − 1) (run.c's prefilter: any prefix that still needs a
 *   token below that line would leave the rest more than 1 − topP of mass, impossible), taken in
 *   rank order from a heap until their mass, summed as the cut sums it, reaches topP (if it never
 *   does, the full order);
 * - min-p alone: tokens with p ≥ minP · max.
 */
function cutCandidates(p: Float64Array, topK: number, topP: number, minP: number): number[] {
  const n = p.length;
  if (topK > 0 && topK < n) return rankOrder(p, Math.ceil(topK));
  if (topK > 0 || n < 2) return rankOrder(p);
  let floor: number;
  if (topP < 1) floor = (1 - topP) / (n - 1);
  else {
    let max = 0;
    for (let i = 0; i < n; i++) if (p[i]! > max) max = p[i]!;
    floor = minP * max;
  }
  const ids: number[] = [];
  for (let i = 0; i < n; i++) if (p[i]! >= floor) ids.push(i);
  if (topP >= 1) return ids.sort((a, b) => p[b]! - p[a]! || a - b);
  // Top-p: take candidates in rank order until their mass (summed as the cut sums it) reaches topP.
  const heap = new RankHeap(p, ids);
  const order: number[] = [];
  let mass = 0;
  while (heap.size > 0) {
    const id = heap.pop();
    order.push(id);
    mass += p[id]!;
    if (mass >= topP) return order;
  }
  return rankOrder(p);
}

export function createSampler(options: SamplerOptions = {}): Sampler {
  const temperature = options.temperature ?? 1;
  checkRange("temperature", temperature, 0, 100);
  checkRange("topP", options.topP ?? 1, 0, 1);
  checkRange("minP", options.minP ?? 0, 0, 1);
  checkRange("topK", options.topK ?? 0, 0, Number.MAX_SAFE_INTEGER);
  checkRange("repetitionPenalty", options.repetitionPenalty ?? 1, 0.01, 100);
  const rng = new SeededRng(options.seed ?? Date.now());
  const penalty = options.repetitionPenalty ?? 1;
  let scratch = new Float32Array(0);
  return {
    sample(logits, history = []) {
      let x = logits;
      if (penalty !== 1 && history.length > 0) {
        if (scratch.length !== logits.length) scratch = new Float32Array(logits.length);
        scratch.set(logits);
        for (let i = 0; i < history.length; i++) {
          const id = history[i]!;
          if (id >= 0 && id < scratch.length) scratch[id] = scratch[id]! > 0 ? scratch[id]! / penalty : scratch[id]! * penalty;
        }
        x = scratch;
      }
      if (temperature === 0) {
        const id = argmax(x);
        return { id, logprob: Math.log(distribution(x, { temperature: 1 })[id]!) };
      }
      const full = distribution(x, { temperature });
      let p = full;
      if (options.topK || (options.topP ?? 1) < 1 || options.minP) {
        // The same softmax, cut (what distribution(x, { ...options, temperature }) computes, without a second pass of exp).
        p = Float64Array.from(full);
        applyCuts(p, options);
      }
      const coin = rng.next();
      let cdf = 0;
      let id = -1;
      for (let i = 0; i < p.length; i++) {
        if (p[i] === 0) continue;
        id = i;
        cdf += p[i]!;
        if (coin < cdf) break;
      }
      return { id, logprob: Math.log(full[id]!) };
    },
  };
}

export interface Llama2cSamplerOptions {
  /** run.c -t (default 1.0). */
  temperature?: number;
  /** run.c -p (default 0.9). */
  topP?: number;
  /** run.c -s (default: time, as run.c). */
  seed?: number | bigint;
}

/** run.c's sampler: float32 softmax, xorshift64* coin, top-p with its cutoff and descending sort. */
export function createLlama2cSampler(options: Llama2cSamplerOptions = {}): Sampler {
  // run.c clamps: temperature < 0 → 0; topp outside [0, 1] → 0.9.
  // run.c's flags are C floats: round them to float32 first.
  const temperature = Math.fround(Math.max(0, options.temperature ?? 1));
  const topp = Math.fround(options.topP === undefined || options.topP < 0 || options.topP > 1 ? 0.9 : options.topP);
  const rng = new XorShiftRng(options.seed ?? Math.floor(Date.now() / 1000));
  const f = Math.fround;
  let probs = new Float32Array(0);
  let index = new Int32Array(0);
  return {
    sample(logits) {
      const n = logits.length;
      if (temperature === 0) return { id: argmax(logits), logprob: 0 };
      if (probs.length !== n) {
        probs = new Float32Array(n);
        index = new Int32Array(n);
      }
      // logits[q] /= temperature; softmax — all in float32, as run.c.
      let max = -Infinity;
      for (let i = 0; i < n; i++) {
        probs[i] = logits[i]! / temperature;
        if (probs[i]! > max) max = probs[i]!;
      }
      let sum = 0;
      for (let i = 0; i < n; i++) {
        probs[i] = Math.exp(f(probs[i]! - max));
        sum = f(sum + probs[i]!);
      }
      for (let i = 0; i < n; i++) probs[i] = probs[i]! / sum;
      const coin = rng.next();
      let id: number;
      if (topp <= 0 || topp >= 1) {
        id = n - 1;
        let cdf = 0;
        for (let i = 0; i < n; i++) {
          cdf = f(cdf + probs[i]!);
          if (coin < cdf) {
            id = i;
            break;
          }
        }
      } else id = sampleTopP(probs, n, topp, coin, index);
      return { id, logprob: Math.log(probs[id]!) };
    },
  };
}

function sampleTopP(probs: Float32Array, n: number, topp: number, coin: number, index: Int32Array): number {
  const f = Math.fround;
  const cutoff = f(f(1 - topp) / (n - 1));
  let n0 = 0;
  for (let i = 0; i < n; i++) if (probs[i]! >= cutoff) index[n0++] = i;
  // Descending probability; equal probabilities keep index order (glibc's qsort is a stable merge sort here).
  const sorted = Array.from(index.subarray(0, n0)).sort((a, b) => probs[b]! - probs[a]! || a - b);
  let cumulative = 0;
  let last = n0 - 1;
  for (let i = 0; i < n0; i++) {
    cumulative = f(cumulative + probs[sorted[i]!]!);
    if (cumulative > topp) {
      last = i;
      break;
    }
  }
  const r = f(coin * cumulative);
  let cdf = 0;
  for (let i = 0; i <= last; i++) {
    cdf = f(cdf + probs[sorted[i]!]!);
    if (r < cdf) return sorted[i]!;
  }
  return sorted[last]!;
}
