// A max-priority queue of symbol pairs for BPE training, with lazy invalidation: when a pair's count
// changes the trainer pushes a fresh entry and leaves the old one in place; the trainer skips entries
// whose count no longer matches when it pops them. Ordering: higher count first; among equal counts
// the smaller pair key (left id, then right id) first — the documented, deterministic tie-break.

/** Pair key: left id in the high bits, right id in the low 21 bits (ids < 2^21, keys < 2^53). */
export const PAIR_RIGHT_BITS = 2 ** 21;

export function pairKey(left: number, right: number): number {
  return left * PAIR_RIGHT_BITS + right;
}

export function pairLeft(key: number): number {
  return Math.floor(key / PAIR_RIGHT_BITS);
}

export function pairRight(key: number): number {
  return key % PAIR_RIGHT_BITS;
}

export class PairQueue {
  #counts: number[] = [];
  #keys: number[] = [];

  get size(): number {
    return this.#keys.length;
  }

  push(count: number, key: number): void {
    const counts = this.#counts;
    const keys = this.#keys;
    let i = keys.length;
    counts.push(count);
    keys.push(key);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.#before(count, key, counts[parent]!, keys[parent]!)) break;
      counts[i] = counts[parent]!;
      keys[i] = keys[parent]!;
      i = parent;
    }
    counts[i] = count;
    keys[i] = key;
  }

  /** Count of the top entry (undefined when empty). */
  get topCount(): number | undefined {
    return this.#counts[0];
  }

  /** Key of the top entry (undefined when empty). */
  get topKey(): number | undefined {
    return this.#keys[0];
  }

  /** Removes the top entry. */
  pop(): void {
    const counts = this.#counts;
    const keys = this.#keys;
    const lastCount = counts.pop()!;
    const lastKey = keys.pop()!;
    const n = keys.length;
    if (n === 0) return;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && this.#before(counts[right]!, keys[right]!, counts[left]!, keys[left]!) ? right : left;
      if (!this.#before(counts[child]!, keys[child]!, lastCount, lastKey)) break;
      counts[i] = counts[child]!;
      keys[i] = keys[child]!;
      i = child;
    }
    counts[i] = lastCount;
    keys[i] = lastKey;
  }

  #before(countA: number, keyA: number, countB: number, keyB: number): boolean {
    return countA > countB || (countA === countB && keyA < keyB);
  }
}
