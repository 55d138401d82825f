import { InvalidArgumentError, TokenizerFileError } from "../errors.js";
import { ByteVocabulary, hashStep } from "./byte-vocabulary.js";

/**
 * A byte-level BPE vocabulary in tiktoken's form: every token is a byte string and its rank is both
 * its id and its merge priority. This interface is the string view (binary strings, one char per
 * byte); the loaders return a ByteVocabulary, which implements it and builds these views on demand.
 */
export interface TiktokenRanks {
  /** rank → token bytes as a binary string; `undefined` for unassigned ranks. */
  readonly tokens: readonly (string | undefined)[];
  /** token bytes (binary string) → rank. */
  readonly ranks: ReadonlyMap<string, number>;
}

/**
 * The compact rank data that `js-tiktoken/ranks/<name>` and `tiktoken/encoders/<name>.json` ship:
 * `bpe_ranks` holds lines "<tag> <first rank> <base64 token> <base64 token> …" with consecutive ranks.
 */
export interface CompactRanksData {
  bpe_ranks: string;
  pat_str?: string;
  special_tokens?: Record<string, number>;
}

// Ranks above this are refused: they would make the id → token table huge for a hostile file.
const MAX_RANK = 0x3fffffff;

/** Reads a `.tiktoken` file (lines "<base64 token> <rank>"). `file` names it in error messages. */
export function loadTiktokenRanks(data: Uint8Array | ArrayBuffer | string, file = "tiktoken ranks"): ByteVocabulary {
  const text = typeof data === "string" ? data : new TextDecoder("utf-8", { ignoreBOM: true }).decode(data);
  const builder = new RanksBuilder(file, text.length >> 1, text.length >> 4);
  let lineNo = 0;
  let from = 0;
  while (from < text.length) {
    let to = text.indexOf("\n", from);
    if (to < 0) to = text.length;
    lineNo++;
    const lineStart = from;
    let lineEnd = to;
    from = to + 1;
    if (lineEnd > lineStart && text.charCodeAt(lineEnd - 1) === 0x0d) lineEnd--;
    if (lineEnd === lineStart) continue;
    const space = text.indexOf(" ", lineStart);
    const second = space < 0 ? -1 : text.indexOf(" ", space + 1);
    if (space <= lineStart || space >= lineEnd || (second >= 0 && second < lineEnd))
      throw new TokenizerFileError(`expected "<base64 token> <rank>", got ${JSON.stringify(clip(text.slice(lineStart, lineEnd)))}`, {
        file,
        line: lineNo,
      });
    const rank = parseRank(text, space + 1, lineEnd, file, lineNo);
    builder.addBase64(text, lineStart, space, rank, lineNo);
  }
  return builder.finish();
}

/** Reads the compact rank data of js-tiktoken / the tiktoken npm package (see CompactRanksData). */
export function loadCompactRanks(data: CompactRanksData, file = "compact ranks"): ByteVocabulary {
  if (typeof data !== "object" || data === null || typeof data.bpe_ranks !== "string")
    throw new InvalidArgumentError("ranks", `${file}: expected an object with a string field bpe_ranks`);
  const text = data.bpe_ranks;
  // Sized from the text (base64 is 4 chars per 3 bytes; a token takes ≥ 5 chars with its space).
  const builder = new RanksBuilder(file, (text.length >> 2) * 3, text.length >> 3);
  let lineNo = 0;
  let from = 0;
  while (from < text.length) {
    let to = text.indexOf("\n", from);
    if (to < 0) to = text.length;
    lineNo++;
    const lineStart = from;
    from = to + 1;
    if (to === lineStart) continue;
    // "<tag> <first rank> <token> <token> …": skip the tag, read the rank, then one token per field.
    const tagEnd = text.indexOf(" ", lineStart);
    if (tagEnd < 0 || tagEnd >= to)
      throw new TokenizerFileError(`expected "<tag> <first rank> <tokens…>", got ${JSON.stringify(clip(text.slice(lineStart, to)))}`, {
        file,
        line: lineNo,
        field: "bpe_ranks",
      });
    let fieldEnd = text.indexOf(" ", tagEnd + 1);
    if (fieldEnd < 0 || fieldEnd > to) fieldEnd = to;
    let rank = parseRank(text, tagEnd + 1, fieldEnd, file, lineNo);
    while (fieldEnd < to) {
      const fieldStart = fieldEnd + 1;
      fieldEnd = text.indexOf(" ", fieldStart);
      if (fieldEnd < 0 || fieldEnd > to) fieldEnd = to;
      builder.addBase64(text, fieldStart, fieldEnd, rank++, lineNo);
    }
  }
  return builder.finish();
}

/** Ranks from a plain list of token byte strings, where the index is the rank (e.g. after training). */
export function ranksFromTokens(tokens: readonly (Uint8Array | string | undefined)[], file = "tokens"): ByteVocabulary {
  const builder = new RanksBuilder(file);
  tokens.forEach((t, rank) => {
    if (t === undefined) return;
    if (typeof t === "string") builder.addBinary(t, rank, 0);
    else builder.addBytes(t, rank, 0);
  });
  return builder.finish();
}

/** Any TiktokenRanks as a ByteVocabulary (loaded vocabularies are one already; others are converted). */
export function toByteVocabulary(ranks: TiktokenRanks, file = "ranks"): ByteVocabulary {
  return ranks instanceof ByteVocabulary ? ranks : ranksFromTokens(ranks.tokens, file);
}

function parseRank(text: string, from: number, to: number, file: string, line: number): number {
  let rank = 0;
  let ok = to > from && to - from <= 10;
  for (let i = from; ok && i < to; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) ok = false;
    else rank = rank * 10 + d;
  }
  if (!ok || rank > MAX_RANK)
    throw new TokenizerFileError(`expected a rank (an integer in [0, ${MAX_RANK}]), got ${JSON.stringify(clip(text.slice(from, to)))}`, {
      file,
      line,
      field: "rank",
    });
  return rank;
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 60)}…` : s;
}

/** base64 character code → 6-bit value, -1 for anything else. */
const BASE64 = (() => {
  const table = new Int8Array(128).fill(-1);
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  for (let i = 0; i < 64; i++) table[alphabet.charCodeAt(i)] = i;
  return table;
})();

/**
 * Collects tokens into one growing byte buffer (decoding base64 straight into it) with each rank's
 * place and hash, then hands them to ByteVocabulary. Tokens in rank order — as every published file
 * has them — need no second copy.
 */
class RanksBuilder {
  readonly #file: string;
  #bytes: Uint8Array;
  #used = 0;
  /** rank → [offset, end) in #bytes (end = 0: unassigned), and its hash. */
  #offset: Uint32Array;
  #end: Uint32Array;
  #hash: Int32Array;
  #rankCount = 0;
  #count = 0;
  #inOrder = true;
  /** Line of each rank (for the duplicate-bytes error). */
  #line: Int32Array;

  /** The sizes are first guesses (the buffers grow as needed). */
  constructor(file: string, expectedBytes = 1 << 16, expectedTokens = 1024) {
    this.#file = file;
    this.#bytes = new Uint8Array(Math.max(64, expectedBytes));
    const n = Math.max(64, expectedTokens);
    this.#offset = new Uint32Array(n);
    this.#end = new Uint32Array(n);
    this.#hash = new Int32Array(n);
    this.#line = new Int32Array(n);
  }

  /** Adds the token base64-encoded in text[from, to). */
  addBase64(text: string, from: number, to: number, rank: number, line: number): void {
    let n = to - from;
    while (n > 0 && text.charCodeAt(from + n - 1) === 0x3d /* = */ && to - from - n < 2) n--;
    const padded = n < to - from;
    if (n % 4 === 1 || (padded && (to - from) % 4 !== 0)) this.#badBase64(text, from, to, line);
    this.#reserveBytes(((n * 3) >> 2) + 3);
    const bytes = this.#bytes;
    const begin = this.#used;
    let o = begin;
    let h = 0;
    let acc = 0;
    let bits = 0;
    for (let i = from; i < from + n; i++) {
      const c = text.charCodeAt(i);
      const v = c < 128 ? BASE64[c] : -1;
      if (v < 0) this.#badBase64(text, from, to, line);
      acc = ((acc << 6) | v) & 0xffffff;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        const b = (acc >> bits) & 0xff;
        bytes[o++] = b;
        h = hashStep(h, b);
      }
    }
    this.#place(rank, begin, o, h, line);
  }

  /** Adds a token given as a binary string (one char per byte). */
  addBinary(binary: string, rank: number, line: number): void {
    for (let i = 0; i < binary.length; i++)
      if (binary.charCodeAt(i) > 0xff)
        throw new TokenizerFileError(`rank ${rank}: a binary token string must hold one byte (0..255) per character`, {
          file: this.#file,
          field: "token",
        });
    this.#reserveBytes(binary.length);
    const begin = this.#used;
    let h = 0;
    for (let i = 0; i < binary.length; i++) {
      const b = binary.charCodeAt(i);
      this.#bytes[begin + i] = b;
      h = hashStep(h, b);
    }
    this.#place(rank, begin, begin + binary.length, h, line);
  }

  /** Adds a token given as bytes. */
  addBytes(token: Uint8Array, rank: number, line: number): void {
    this.#reserveBytes(token.length);
    const begin = this.#used;
    this.#bytes.set(token, begin);
    let h = 0;
    for (let i = 0; i < token.length; i++) h = hashStep(h, token[i]);
    this.#place(rank, begin, begin + token.length, h, line);
  }

  #badBase64(text: string, from: number, to: number, line: number): never {
    throw new TokenizerFileError(`token is not valid base64: ${JSON.stringify(clip(text.slice(from, to)))}`, {
      file: this.#file,
      line,
      field: "token",
    });
  }

  #where(line: number): { file: string; line?: number } {
    return { file: this.#file, ...(line > 0 ? { line } : {}) };
  }

  #place(rank: number, begin: number, end: number, h: number, line: number): void {
    if (end === begin) throw new TokenizerFileError(`rank ${rank} has an empty token`, { ...this.#where(line), field: "token" });
    if (rank < this.#rankCount && this.#end[rank] !== 0)
      throw new TokenizerFileError(`rank ${rank} is assigned twice`, { ...this.#where(line), field: "rank" });
    // A hostile rank far beyond the number of tokens would allocate a huge sparse table.
    if (rank > 2 * this.#count + 65_536)
      throw new TokenizerFileError(`rank ${rank} is far beyond the ${this.#count} tokens read so far (ranks must be dense)`, {
        ...this.#where(line),
        field: "rank",
      });
    if (rank < this.#rankCount) this.#inOrder = false;
    if (rank >= this.#offset.length) {
      let size = this.#offset.length;
      while (size <= rank) size *= 2;
      this.#offset = grow(this.#offset, size);
      this.#end = grow(this.#end, size);
      this.#hash = grow(this.#hash, size);
      this.#line = grow(this.#line, size);
    }
    this.#offset[rank] = begin;
    this.#end[rank] = end;
    this.#hash[rank] = h;
    this.#line[rank] = line;
    this.#used = end;
    this.#count++;
    if (rank >= this.#rankCount) this.#rankCount = rank + 1;
  }

  #reserveBytes(extra: number): void {
    if (this.#used + extra <= this.#bytes.length) return;
    let size = this.#bytes.length;
    while (size < this.#used + extra) size *= 2;
    this.#bytes = grow(this.#bytes, size);
  }

  finish(): ByteVocabulary {
    if (this.#count === 0) throw new TokenizerFileError("no tokens", { file: this.#file });
    const n = this.#rankCount;
    const start = new Uint32Array(n + 1);
    let bytes: Uint8Array;
    if (this.#inOrder) {
      // Ranks arrived increasing: the buffer is already in rank order; an unassigned rank is the
      // empty range where the next token starts.
      bytes = this.#bytes.slice(0, this.#used);
      let next = this.#used;
      for (let r = n - 1; r >= 0; r--) {
        if (this.#end[r] !== 0) next = this.#offset[r];
        start[r] = next;
      }
      start[n] = this.#used;
    } else {
      bytes = new Uint8Array(this.#used);
      let o = 0;
      for (let r = 0; r < n; r++) {
        start[r] = o;
        if (this.#end[r] !== 0) {
          bytes.set(this.#bytes.subarray(this.#offset[r], this.#end[r]), o);
          o += this.#end[r] - this.#offset[r];
        }
      }
      start[n] = o;
    }
    const hash = this.#hash.length === n ? this.#hash : this.#hash.slice(0, n);
    return new ByteVocabulary(bytes, start, hash, (first, second) => {
      throw new TokenizerFileError(`the same token bytes have ranks ${first} and ${second}`, { ...this.#where(this.#line[second]), field: "token" });
    });
  }
}

function grow<T extends Uint8Array | Uint32Array | Int32Array>(array: T, size: number): T {
  const bigger = new (array.constructor as new (n: number) => T)(size);
  bigger.set(array);
  return bigger;
}
