// A bounded cache from a pre-token (the exact string the pre-tokenizer produced) to its merged ids.
// Single-token words, by far the most common, are stored as a bare number (no array allocation).
// When the cache is full it is cleared wholesale: O(1), no LRU bookkeeping on the hot path, and text
// with a stable vocabulary refills it at once.

export type CachedIds = number | readonly number[];

export class WordCache {
  readonly #map = new Map<string, CachedIds>();
  readonly #maxEntries: number;
  readonly #maxKeyLength: number;

  /**
   * @param maxEntries   entries kept before the cache is cleared (default 65 536)
   * @param maxKeyLength longer pre-tokens are not cached (default 128 UTF-16 units)
   */
  constructor(maxEntries = 65_536, maxKeyLength = 128) {
    this.#maxEntries = maxEntries;
    this.#maxKeyLength = maxKeyLength;
  }

  get(word: string): CachedIds | undefined {
    return this.#map.get(word);
  }

  set(word: string, ids: CachedIds): void {
    if (word.length > this.#maxKeyLength) return;
    if (this.#map.size >= this.#maxEntries) this.#map.clear();
    this.#map.set(word, ids);
  }

  get size(): number {
    return this.#map.size;
  }

  clear(): void {
    this.#map.clear();
  }
}
