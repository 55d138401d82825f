// Token ids in order of probability (highest first, smaller id first on ties) — the order top-k,
// top-p, min-p and the "most likely tokens" views use. The first k of them are found by keeping a
// small sorted list while scanning once, not by sorting the whole vocabulary every step.

/** Above this k a full sort is cheaper than insertion into the kept list. */
const SELECT_MAX = 64;

/** The ids of the k largest values of p (all of them if k ≥ p.length), in rank order. */
export function rankOrder(p: ArrayLike<number>, k = p.length): number[] {
  const n = p.length;
  if (k >= n || k > SELECT_MAX) {
    const all = Array.from({ length: n }, (_, i) => i).sort((a, b) => p[b]! - p[a]! || a - b);
    return k >= n ? all : all.slice(0, k);
  }
  const ids: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = p[i]!;
    // Ids come in increasing order, so an equal value never goes before a kept one.
    if (ids.length === k && !(v > values[k - 1]!)) continue;
    let j = ids.length === k ? k - 1 : ids.length;
    while (j > 0 && values[j - 1]! < v) {
      if (j < k) {
        values[j] = values[j - 1]!;
        ids[j] = ids[j - 1]!;
      }
      j--;
    }
    values[j] = v;
    ids[j] = i;
  }
  return ids;
}
