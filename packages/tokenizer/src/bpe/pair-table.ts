// An open-addressing hash table from a pair of token ids to (merge rank, merged id), in typed arrays:
// no per-entry objects, no heap-number keys. Looked up for every adjacent pair the BPE merge sees:
// Hugging Face BPE fills it with the merges list; tiktoken encodings use it as a memo of the string
// lookups (bytes(left) + bytes(right) in the ranks), so each pair is concatenated and hashed once.

const EMPTY = -1;

export class PairTable {
  readonly #left: Int32Array;
  readonly #right: Int32Array;
  readonly #rank: Int32Array;
  readonly #merged: Int32Array;
  readonly #mask: number;
  #size = 0;

  constructor(expected: number) {
    let capacity = 16;
    while (capacity < 2 * expected) capacity *= 2;
    this.#left = new Int32Array(capacity).fill(EMPTY);
    this.#right = new Int32Array(capacity);
    this.#rank = new Int32Array(capacity);
    this.#merged = new Int32Array(capacity);
    this.#mask = capacity - 1;
  }

  get size(): number {
    return this.#size;
  }

  #slot(left: number, right: number): number {
    let h = Math.imul(left, 0x9e3779b1) ^ Math.imul(right + 0x7f4a7c15, 0x85ebca77);
    h ^= h >>> 15;
    let i = h & this.#mask;
    while (this.#left[i] !== EMPTY && (this.#left[i] !== left || this.#right[i] !== right)) i = (i + 1) & this.#mask;
    return i;
  }

  /** Adds the pair unless present (the first merge of a pair wins, as in Hugging Face). */
  add(left: number, right: number, rank: number, merged: number): void {
    const i = this.#slot(left, right);
    if (this.#left[i] !== EMPTY) return;
    this.#left[i] = left;
    this.#right[i] = right;
    this.#rank[i] = rank;
    this.#merged[i] = merged;
    this.#size++;
  }

  /** The pair's merge rank, or -1. */
  rank(left: number, right: number): number {
    const i = this.#slot(left, right);
    return this.#left[i] === EMPTY ? -1 : this.#rank[i];
  }

  /** Forget every pair (a memo that grew to its budget starts over). */
  clear(): void {
    this.#left.fill(EMPTY);
    this.#size = 0;
  }

  /** The pair's merged id (the pair must be present). */
  merged(left: number, right: number): number {
    return this.#merged[this.#slot(left, right)];
  }
}
