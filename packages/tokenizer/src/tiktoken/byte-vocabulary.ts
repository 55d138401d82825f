// A byte-level vocabulary held as bytes, not strings: every token's bytes concatenated in rank order
// (`bytes`, `start`), and an open-addressing hash table from byte sequences to ranks in typed arrays.
// The encoder looks byte ranges of its UTF-8 buffer up directly — no binary strings, no Map hashing,
// no per-lookup allocation — and a pair of tokens is looked up in O(1) hashing, because the hash is
// polynomial: hash(A·B) = hash(A)·M^|B| + hash(B) (mod 2³²). Every hit is verified byte by byte, so
// hash collisions cost time, never correctness.
//
// Building it from js-tiktoken's compact ranks or a .tiktoken file decodes base64 straight into
// `bytes` (ranks.ts); the string views `tokens` / `ranks` of the TiktokenRanks interface are built
// only if someone asks for them.

import type { TiktokenRanks } from "./ranks.js";

/** The hash multiplier M (odd, so multiplication by its powers is invertible mod 2³²). */
const M = 0x01000193;

/** Hash of a byte sequence extended by one byte (digits are byte + 1, so leading zero bytes count). */
export function hashStep(h: number, byte: number): number {
  return (Math.imul(h, M) + byte + 1) | 0;
}

/** Table slot of a hash (murmur3's finaliser: the raw polynomial hash has weak low bits). */
export function mixHash(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

export class ByteVocabulary implements TiktokenRanks {
  /** Every token's bytes, concatenated in rank order. */
  readonly bytes: Uint8Array;
  /** rank → offset in `bytes`; token `r` is bytes[start[r], start[r + 1]) (empty for unassigned ranks). */
  readonly start: Uint32Array;
  /** rank → hash of its bytes (0 for unassigned ranks). */
  readonly hash: Int32Array;
  /** Number of ranks: one past the highest assigned rank. */
  readonly rankCount: number;
  /** Number of assigned ranks (tokens). */
  readonly size: number;
  /** Length in bytes of the longest token. */
  readonly maxTokenLength: number;
  /** M^k mod 2³² for k = 0..maxTokenLength (to join two hashes). */
  readonly #power: Int32Array;
  /** Hash table, two int32 per slot (one cache line holds both): [rank + 1 (0 = free), full hash]. */
  readonly #slots: Int32Array;
  readonly #mask: number;
  /** Scratch for findPair: the two tokens' bytes joined. */
  readonly #pairBytes: Uint8Array;
  #tokens: (string | undefined)[] | undefined;
  #ranks: Map<string, number> | undefined;

  /**
   * @param bytes the tokens' bytes in rank order; `start` has rankCount + 1 offsets into it
   * @param hash  each rank's hash (see hashStep); unassigned ranks have an empty range
   * Throws `DuplicateToken` (via onDuplicate) when two ranks have the same bytes.
   */
  constructor(bytes: Uint8Array, start: Uint32Array, hash: Int32Array, onDuplicate: (first: number, second: number) => never) {
    const rankCount = start.length - 1;
    this.bytes = bytes;
    this.start = start;
    this.hash = hash;
    this.rankCount = rankCount;
    let size = 0;
    let maxLength = 0;
    for (let r = 0; r < rankCount; r++) {
      const length = start[r + 1] - start[r];
      if (length > 0) size++;
      if (length > maxLength) maxLength = length;
    }
    this.size = size;
    this.maxTokenLength = maxLength;
    this.#pairBytes = new Uint8Array(maxLength);
    this.#power = new Int32Array(maxLength + 1);
    this.#power[0] = 1;
    for (let k = 1; k <= maxLength; k++) this.#power[k] = Math.imul(this.#power[k - 1], M);

    let capacity = 16;
    while (capacity < 2 * size) capacity *= 2;
    const slots = new Int32Array(2 * capacity);
    const mask = capacity - 1;
    this.#slots = slots;
    this.#mask = mask;
    // One walk per token: it ends at the free slot the token takes, and passes any slot holding
    // the same bytes on the way (a duplicate).
    for (let r = 0; r < rankCount; r++) {
      const from = start[r];
      const length = start[r + 1] - from;
      if (length === 0) continue;
      const h = hash[r];
      let i = mixHash(h) & mask;
      for (; slots[2 * i] !== 0; i = (i + 1) & mask) {
        if (slots[2 * i + 1] !== h) continue;
        const other = slots[2 * i] - 1;
        const s = start[other];
        if (start[other + 1] - s !== length) continue;
        let k = 0;
        while (k < length && bytes[s + k] === bytes[from + k]) k++;
        if (k === length) onDuplicate(other, r);
      }
      slots[2 * i] = r + 1;
      slots[2 * i + 1] = h;
    }
  }

  /** Length in bytes of token `rank` (0 if unassigned or out of range). */
  length(rank: number): number {
    return rank >= 0 && rank < this.rankCount ? this.start[rank + 1] - this.start[rank] : 0;
  }

  /**
   * The rank of the byte sequence buf[from, from + length) whose hash (hashStep over its bytes) is
   * `h`, or -1 if it is not a token.
   */
  find(h: number, buf: Uint8Array, from: number, length: number): number {
    const slots = this.#slots;
    const start = this.start;
    const bytes = this.bytes;
    const mask = this.#mask;
    for (let i = mixHash(h) & mask; ; i = (i + 1) & mask) {
      const r = slots[2 * i] - 1;
      if (r < 0) return -1;
      if (slots[2 * i + 1] !== h) continue;
      const s = start[r];
      if (start[r + 1] - s !== length) continue;
      let k = 0;
      while (k < length && bytes[s + k] === buf[from + k]) k++;
      if (k === length) return r;
    }
  }

  /** Hash of the concatenation of two byte sequences, given their hashes and the right one's length (≤ maxTokenLength). */
  join(leftHash: number, rightHash: number, rightLength: number): number {
    return (Math.imul(leftHash, this.#power[rightLength]) + rightHash) | 0;
  }

  /** The rank of the token whose bytes are token `left`'s followed by token `right`'s, or -1. */
  findPair(left: number, right: number): number {
    const start = this.start;
    const ls = start[left];
    const ll = start[left + 1] - ls;
    const rs = start[right];
    const rl = start[right + 1] - rs;
    if (ll + rl > this.maxTokenLength) return -1;
    const joined = this.#pairBytes;
    const bytes = this.bytes;
    for (let k = 0; k < ll; k++) joined[k] = bytes[ls + k];
    for (let k = 0; k < rl; k++) joined[ll + k] = bytes[rs + k];
    return this.find(this.join(this.hash[left], this.hash[right], rl), joined, 0, ll + rl);
  }

  /** The rank of a token given as a binary string (one char per byte), or undefined. */
  rankOfBinary(binary: string): number | undefined {
    const n = binary.length;
    if (n === 0 || n > this.maxTokenLength) return undefined;
    const buf = new Uint8Array(n);
    let h = 0;
    for (let i = 0; i < n; i++) {
      const c = binary.charCodeAt(i);
      if (c > 0xff) return undefined;
      buf[i] = c;
      h = hashStep(h, c);
    }
    const r = this.find(h, buf, 0, n);
    return r < 0 ? undefined : r;
  }

  /** Token `rank` as a binary string, or undefined if unassigned. */
  binary(rank: number): string | undefined {
    const n = this.length(rank);
    if (n === 0) return undefined;
    let s = "";
    for (let i = this.start[rank], end = this.start[rank + 1]; i < end; i++) s += String.fromCharCode(this.bytes[i]);
    return s;
  }

  /** TiktokenRanks view: rank → binary string (built on first use). */
  get tokens(): readonly (string | undefined)[] {
    if (this.#tokens === undefined) {
      const tokens: (string | undefined)[] = new Array<string | undefined>(this.rankCount);
      for (let r = 0; r < this.rankCount; r++) tokens[r] = this.binary(r);
      this.#tokens = tokens;
    }
    return this.#tokens;
  }

  /** TiktokenRanks view: binary string → rank (built on first use). */
  get ranks(): ReadonlyMap<string, number> {
    if (this.#ranks === undefined) {
      const ranks = new Map<string, number>();
      const tokens = this.tokens;
      for (let r = 0; r < tokens.length; r++) {
        const t = tokens[r];
        if (t !== undefined) ranks.set(t, r);
      }
      this.#ranks = ranks;
    }
    return this.#ranks;
  }
}
