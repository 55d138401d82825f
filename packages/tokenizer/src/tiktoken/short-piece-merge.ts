// Byte-pair merge of one short pre-token straight over its UTF-8 bytes (tiktoken's `byte_pair_merge`
// shape): parts are byte ranges of the buffer with their token id and hash; each adjacent pair's rank
// is one hash-table probe (the pair's hash is joined from the two parts' hashes in O(1)). Each merge
// scans the pair ranks for the lowest (leftmost on ties) and shifts the arrays left — O(n²) in the
// worst case, which for the short words that make up almost all text beats a heap's bookkeeping.
// Long pre-tokens go to BpeMerger (bpe/merge.ts: linked list + heap, O(n log n)).

import type { ByteVocabulary } from "./byte-vocabulary.js";

/** Pre-tokens up to this many bytes are merged here; longer ones by the heap merger. */
export const SHORT_PIECE_BYTES = 64;

const NONE = 0x7fffffff;

export class ShortPieceMerger {
  /** The merged token ids of the last run, valid in [0, n). */
  readonly ids = new Int32Array(SHORT_PIECE_BYTES);
  /** Part i covers buf[at[i], at[i + 1]). */
  readonly #at = new Int32Array(SHORT_PIECE_BYTES + 1);
  readonly #hash = new Int32Array(SHORT_PIECE_BYTES);
  /** pairRank[i]: rank of the token joining parts i and i + 1, NONE if it is not a token. */
  readonly #pairRank = new Int32Array(SHORT_PIECE_BYTES);
  readonly #vocab: ByteVocabulary;
  readonly #byteRank: Int32Array;

  constructor(vocab: ByteVocabulary, byteRank: Int32Array) {
    this.#vocab = vocab;
    this.#byteRank = byteRank;
  }

  /** Merges buf[0, n) (1 ≤ n ≤ SHORT_PIECE_BYTES); returns the number of ids left in `ids`. */
  run(buf: Uint8Array, n: number): number {
    const at = this.#at;
    const hash = this.#hash;
    const pairRank = this.#pairRank;
    const ids = this.ids;
    const byteRank = this.#byteRank;
    for (let i = 0; i < n; i++) {
      const b = buf[i];
      at[i] = i;
      ids[i] = byteRank[b];
      hash[i] = b + 1; // hashStep(0, b)
    }
    at[n] = n;
    for (let i = 0; i + 1 < n; i++) pairRank[i] = this.#rank(buf, i);

    let parts = n;
    for (;;) {
      // The merge loop: lowest rank, leftmost on ties.
      let best = NONE;
      let i = -1;
      for (let k = 0; k + 1 < parts; k++) {
        if (pairRank[k] < best) {
          best = pairRank[k];
          i = k;
        }
      }
      if (i < 0) break;
      hash[i] = this.#vocab.join(hash[i], hash[i + 1], at[i + 2] - at[i + 1]);
      ids[i] = best;
      parts--;
      for (let k = i + 1; k < parts; k++) {
        at[k] = at[k + 1];
        ids[k] = ids[k + 1];
        hash[k] = hash[k + 1];
        pairRank[k] = pairRank[k + 1];
      }
      at[parts] = n;
      if (i + 1 < parts) pairRank[i] = this.#rank(buf, i);
      if (i > 0) pairRank[i - 1] = this.#rank(buf, i - 1);
    }
    return parts;
  }

  /** Rank of joining parts i and i + 1, or NONE. */
  #rank(buf: Uint8Array, i: number): number {
    const at = this.#at;
    const vocab = this.#vocab;
    const from = at[i];
    const length = at[i + 2] - from;
    if (length > vocab.maxTokenLength) return NONE;
    const r = vocab.find(vocab.join(this.#hash[i], this.#hash[i + 1], at[i + 2] - at[i + 1]), buf, from, length);
    return r < 0 ? NONE : r;
  }
}
