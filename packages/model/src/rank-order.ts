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

/**
 * Pops the given ids in rank order, one at a time: a binary heap, so taking the first k of m ids
 * costs O(m + k log m) — for top-p, whose nucleus is usually a small part of the candidates.
 */
export class RankHeap {
  readonly #p: ArrayLike<number>;
  readonly #heap: Int32Array;
  #size: number;

  constructor(p: ArrayLike<number>, ids: ArrayLike<number>) {
    this.#p = p;
    this.#heap = Int32Array.from(ids);
    this.#size = ids.length;
    for (let i = (this.#size >> 1) - 1; i >= 0; i--) this.#siftDown(i);
  }

  get size(): number {
    return this.#size;
  }

  /** The next id in rank order (the heap must not be empty). */
  pop(): number {
    const heap = this.#heap;
    const top = heap[0]!;
    heap[0] = heap[--this.#size]!;
    this.#siftDown(0);
    return top;
  }

  /** a ranks before b: higher value, then smaller id. */
  #before(a: number, b: number): boolean {
    const pa = this.#p[a]!;
    const pb = this.#p[b]!;
    return pa > pb || (pa === pb && a < b);
  }

  #siftDown(i: number): void {
    const heap = this.#heap;
    const n = this.#size;
    const item = heap[i]!;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && this.#before(heap[child + 1]!, heap[child]!)) child++;
      if (!this.#before(heap[child]!, item)) break;
      heap[i] = heap[child]!;
      i = child;
    }
    heap[i] = item;
  }
}
