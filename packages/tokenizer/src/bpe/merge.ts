// The BPE merge engine shared by every format (tiktoken / byte-level BPE, SentencePiece, llama2.c,
// Hugging Face BPE). It knows nothing about bytes, strings or files: it merges integer symbols.
//
// ─── API ──────────────────────────────────────────────────────────────────────────────────────────
//
//   interface MergeRules {
//     rank(left, right): number    // priority of merging the adjacent symbols; LOWER merges FIRST;
//                                  // NO_MERGE (= Infinity) when the pair does not merge
//     merged(left, right): number  // the symbol that replaces the pair (called only for pairs whose
//                                  // rank was finite, once per applied merge)
//   }
//
//   const merger = new BpeMerger();                   // reusable; owns growable scratch buffers
//   const n = merger.run(symbols, length, rules);     // merge symbols[0..length)
//   merger.output[0..n)                               // the merged symbols, left to right
//   merger.outputStart[0..n)                          // index in `symbols` where each one begins
//
// Order of merges: repeatedly apply the pair with the lowest rank; among equal ranks the LEFTMOST
// pair. This is exactly tiktoken's `byte_pair_merge` (rank = rank of the concatenated bytes),
// Hugging Face BPE (rank = merge index), SentencePiece BPE and llama2.c (rank = -score of the merged
// piece; both scan left to right and keep the first best).
//
// Typical rules:
//   tiktoken:       rank(l, r) = ranks.get(bytes(l) + bytes(r)) ?? NO_MERGE;  merged = the same lookup
//   HF BPE:         rank(l, r) = mergeIndex.get(pairKey(l, r)) ?? NO_MERGE;   merged = vocab[l + r]
//   SentencePiece:  id = vocab.get(piece(l) + piece(r)); rank = id === undefined ? NO_MERGE : -score[id]
//
// ─── Algorithm ────────────────────────────────────────────────────────────────────────────────────
// A doubly linked list over the symbols plus a binary min-heap of candidate pairs keyed by
// (rank, left position). Each heap entry remembers the two symbols it was computed for; an entry whose
// left node no longer holds that pair is stale and skipped when popped. Every merge pushes at most two
// new entries (the new symbol with its left and right neighbours), so a word of n symbols costs
// O(n log n) time and O(n) memory — no rescans, no recursion. 100 000 identical bytes merge in a few
// milliseconds.

/** Rank meaning "this pair does not merge". */
export const NO_MERGE = Infinity;

/** How adjacent symbols merge. See the API block at the top of this file. */
export interface MergeRules {
  /** Priority of merging (left, right); lower first; NO_MERGE if they do not merge. */
  rank(left: number, right: number): number;
  /** The symbol replacing (left, right). Called only for pairs with a finite rank. */
  merged(left: number, right: number): number;
  /** The merged symbol is the rank itself (tiktoken: a token's rank is its id): merged() is not called. */
  readonly mergedIsRank?: boolean;
}

const REMOVED = -1;

export class BpeMerger {
  /** The merged symbols of the last run, valid in [0, n). */
  output = new Int32Array(16);
  /** For each output symbol, the index of the first input symbol it covers. */
  outputStart = new Int32Array(16);

  // Linked list over input positions.
  #sym = new Int32Array(16);
  #next = new Int32Array(16);
  #prev = new Int32Array(16);
  // Candidate pairs: storage by entry index, and a heap of entry indices.
  #entryRank = new Float64Array(48);
  #entryLeft = new Int32Array(48);
  #entryRight = new Int32Array(48);
  #entrySymLeft = new Int32Array(48);
  #entrySymRight = new Int32Array(48);
  #heap = new Int32Array(48);
  #heapSize = 0;
  #entryCount = 0;

  /**
   * Merges `symbols[0..length)` (non-negative ids) under `rules`. Returns the number of output
   * symbols, found in `output` (and their start positions in `outputStart`).
   */
  run(symbols: ArrayLike<number>, length: number, rules: MergeRules): number {
    if (length <= 1) {
      this.#reserve(1);
      if (length === 1) {
        this.output[0] = symbols[0];
        this.outputStart[0] = 0;
      }
      return length;
    }
    this.#reserve(length);
    const sym = this.#sym;
    const next = this.#next;
    const prev = this.#prev;
    for (let i = 0; i < length; i++) {
      sym[i] = symbols[i];
      next[i] = i + 1;
      prev[i] = i - 1;
    }
    next[length - 1] = -1;
    this.#heapSize = 0;
    this.#entryCount = 0;

    for (let i = 0; i + 1 < length; i++) {
      const rank = rules.rank(sym[i], sym[i + 1]);
      if (rank !== NO_MERGE) this.#push(rank, i, i + 1, sym[i], sym[i + 1]);
    }

    // The hot loop: pop the best pair, skip it if stale, merge, offer the two new neighbour pairs.
    while (this.#heapSize > 0) {
      const e = this.#pop();
      const left = this.#entryLeft[e];
      const right = this.#entryRight[e];
      const symLeft = this.#entrySymLeft[e];
      const symRight = this.#entrySymRight[e];
      if (next[left] !== right || sym[left] !== symLeft || sym[right] !== symRight) continue;

      const m = rules.mergedIsRank === true ? this.#entryRank[e] : rules.merged(symLeft, symRight);
      sym[left] = m;
      sym[right] = REMOVED;
      const after = next[right];
      next[left] = after;
      if (after !== -1) prev[after] = left;

      const before = prev[left];
      if (before !== -1) {
        const rank = rules.rank(sym[before], m);
        if (rank !== NO_MERGE) this.#push(rank, before, left, sym[before], m);
      }
      if (after !== -1) {
        const rank = rules.rank(m, sym[after]);
        if (rank !== NO_MERGE) this.#push(rank, left, after, m, sym[after]);
      }
    }

    let n = 0;
    for (let i = 0; i !== -1; i = next[i]) {
      this.output[n] = sym[i];
      this.outputStart[n] = i;
      n++;
    }
    return n;
  }

  #reserve(length: number): void {
    if (this.#sym.length < length) {
      const size = Math.max(length, this.#sym.length * 2);
      this.#sym = new Int32Array(size);
      this.#next = new Int32Array(size);
      this.#prev = new Int32Array(size);
      this.output = new Int32Array(size);
      this.outputStart = new Int32Array(size);
    }
    // At most (length - 1) initial pairs + 2 per merge (at most length - 1 merges).
    const entries = 3 * length;
    if (this.#heap.length < entries) {
      const size = Math.max(entries, this.#heap.length * 2);
      this.#entryRank = new Float64Array(size);
      this.#entryLeft = new Int32Array(size);
      this.#entryRight = new Int32Array(size);
      this.#entrySymLeft = new Int32Array(size);
      this.#entrySymRight = new Int32Array(size);
      this.#heap = new Int32Array(size);
    }
  }

  /** Entry a comes before entry b: lower rank, then leftmost. */
  #before(a: number, b: number): boolean {
    const ra = this.#entryRank[a];
    const rb = this.#entryRank[b];
    return ra < rb || (ra === rb && this.#entryLeft[a] < this.#entryLeft[b]);
  }

  #push(rank: number, left: number, right: number, symLeft: number, symRight: number): void {
    const e = this.#entryCount++;
    this.#entryRank[e] = rank;
    this.#entryLeft[e] = left;
    this.#entryRight[e] = right;
    this.#entrySymLeft[e] = symLeft;
    this.#entrySymRight[e] = symRight;
    const heap = this.#heap;
    let i = this.#heapSize++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.#before(e, heap[parent])) break;
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = e;
  }

  #pop(): number {
    const heap = this.#heap;
    const top = heap[0];
    const last = heap[--this.#heapSize];
    const size = this.#heapSize;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      if (child + 1 < size && this.#before(heap[child + 1], heap[child])) child++;
      if (!this.#before(heap[child], last)) break;
      heap[i] = heap[child];
      i = child;
    }
    heap[i] = last;
    return top;
  }
}
