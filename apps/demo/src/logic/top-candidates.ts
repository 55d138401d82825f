// The bars of the generation panel: the k most likely next tokens under softmax(logits / temperature).
// Temperature 0 (greedy) shows the model's own distribution (temperature 1) — the argmax is the same.

export interface Ranked {
  id: number;
  prob: number;
}

/** Probabilities of the top `k` ids (highest first, lower id first on ties) and of `also` if given. */
export function topCandidates(logits: ArrayLike<number>, temperature: number, k: number, also?: number): { top: Ranked[]; alsoProb: number } {
  const n = logits.length;
  if (n === 0) throw new RangeError("topCandidates: empty logits");
  const t = temperature > 0 ? temperature : 1;
  let max = -Infinity;
  for (let i = 0; i < n; i++) if ((logits[i] as number) > max) max = logits[i] as number;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.exp(((logits[i] as number) - max) / t);
  const prob = (i: number): number => Math.exp(((logits[i] as number) - max) / t) / sum;
  // Partial selection: keep a sorted list of the best k (k is small, n up to ~200k).
  const best: number[] = [];
  const better = (a: number, b: number): boolean => (logits[a] as number) > (logits[b] as number) || (logits[a] === logits[b] && a < b);
  for (let i = 0; i < n; i++) {
    if (best.length === k && !better(i, best[k - 1] as number)) continue;
    let j = Math.min(best.length, k - 1);
    if (best.length < k) best.push(i);
    while (j > 0 && better(i, best[j - 1] as number)) {
      best[j] = best[j - 1] as number;
      j--;
    }
    best[j] = i;
  }
  return { top: best.map((id) => ({ id, prob: prob(id) })), alsoProb: also === undefined ? Number.NaN : prob(also) };
}

/**
 * Lets queued messages (such as "stop") run between generated tokens. A MessageChannel round trip,
 * not setTimeout, which browsers clamp to 4 ms once nested.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
