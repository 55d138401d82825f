// The word cache of byte-level BPE, without strings or objects: pre-token UTF-8 bytes → merged ids,
// held in typed-array arenas behind an open-addressing table keyed by the same polynomial hash the
// vocabulary uses (the encoder has it already from transcoding the pre-token). Nothing here is seen
// by the garbage collector, and a lookup allocates nothing. Single-token pre-tokens are not stored
// (the vocabulary finds them); when an arena or the table fills up, everything is dropped at once.

import { mixHash } from "./byte-vocabulary.js";

const EMPTY = 0;

export class PieceCache {
  // Allocated on the first add (a loaded tokenizer that has not merged anything holds none of it).
  /** Per slot: [hash, entry + 1] (EMPTY = free). */
  #slots = new Int32Array(2);
  #mask = 0;
  readonly #maxEntries: number;
  /** Per entry: where its bytes and ids are in the arenas. */
  #byteStart = new Int32Array(0);
  #byteLength = new Int32Array(0);
  #idStart = new Int32Array(0);
  #idCount = new Int32Array(0);
  #bytes = new Uint8Array(0);
  /** The ids of every entry (read a hit's ids from here: see idStart / idCount). */
  ids = new Int32Array(0);
  #entries = 0;
  #bytesUsed = 0;
  #idsUsed = 0;

  /** @param maxEntries pre-tokens kept before the cache starts over (its arenas are sized for ~16 bytes each). */
  constructor(maxEntries = 32_768) {
    this.#maxEntries = Math.max(1, Math.floor(maxEntries));
  }

  #allocate(): void {
    const maxEntries = this.#maxEntries;
    let capacity = 16;
    while (capacity < 2 * maxEntries) capacity *= 2;
    this.#slots = new Int32Array(2 * capacity);
    this.#mask = capacity - 1;
    this.#byteStart = new Int32Array(maxEntries);
    this.#byteLength = new Int32Array(maxEntries);
    this.#idStart = new Int32Array(maxEntries);
    this.#idCount = new Int32Array(maxEntries);
    this.#bytes = new Uint8Array(16 * maxEntries + 1024);
    this.ids = new Int32Array(4 * maxEntries + 256);
  }

  /** The entry holding buf[0, length) (hash h), or -1. */
  find(h: number, buf: Uint8Array, length: number): number {
    const slots = this.#slots;
    const mask = this.#mask;
    for (let i = mixHash(h) & mask; ; i = (i + 1) & mask) {
      const e = slots[2 * i + 1] - 1;
      if (e < 0) return -1;
      if (slots[2 * i] !== h || this.#byteLength[e] !== length) continue;
      const bytes = this.#bytes;
      const s = this.#byteStart[e];
      let k = 0;
      while (k < length && bytes[s + k] === buf[k]) k++;
      if (k === length) return e;
    }
  }

  idStart(entry: number): number {
    return this.#idStart[entry];
  }

  idCount(entry: number): number {
    return this.#idCount[entry];
  }

  /** Stores buf[0, length) (hash h, not present) → ids[0, count); skipped if it cannot fit at all. */
  add(h: number, buf: Uint8Array, length: number, ids: Int32Array, count: number): void {
    if (this.#bytes.length === 0) this.#allocate();
    if (length > this.#bytes.length >> 4 || count > this.ids.length >> 4) return;
    if (this.#entries === this.#maxEntries || this.#bytesUsed + length > this.#bytes.length || this.#idsUsed + count > this.ids.length)
      this.clear();
    const e = this.#entries++;
    this.#byteStart[e] = this.#bytesUsed;
    this.#byteLength[e] = length;
    const bytes = this.#bytes;
    for (let k = 0, o = this.#bytesUsed; k < length; k++) bytes[o + k] = buf[k];
    this.#bytesUsed += length;
    this.#idStart[e] = this.#idsUsed;
    this.#idCount[e] = count;
    const stored = this.ids;
    for (let k = 0, o = this.#idsUsed; k < count; k++) stored[o + k] = ids[k];
    this.#idsUsed += count;
    const slots = this.#slots;
    const mask = this.#mask;
    let i = mixHash(h) & mask;
    while (slots[2 * i + 1] !== EMPTY) i = (i + 1) & mask;
    slots[2 * i] = h;
    slots[2 * i + 1] = e + 1;
  }

  get size(): number {
    return this.#entries;
  }

  clear(): void {
    this.#slots.fill(0);
    this.#entries = 0;
    this.#bytesUsed = 0;
    this.#idsUsed = 0;
  }
}
