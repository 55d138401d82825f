// llama2.c's tokenizer (run.c `encode` / `decode`) over a tokenizer.bin vocabulary, reproduced exactly:
//
// encode(text):
//   1. BOS (id 1) when asked; then, if the text is not empty, the dummy prefix: the id of the piece " ".
//   2. Each UTF-8 character (a lead byte and up to 3 continuation bytes) is looked up as a piece;
//      if absent, each of its bytes becomes the byte-fallback id `byte + 3` (<0x00> is id 3).
//   3. Repeatedly merge the adjacent pair whose concatenation is a piece with the highest score
//      (the leftmost among equal scores; only scores above -1e10 merge) — through the shared BpeMerger
//      with rank = -score, so the cost is O(n log n), not run.c's O(n²).
//   4. EOS (id 2) when asked.
// decode: a piece that starts with " " loses that space when the previous id is BOS; "<0xNN>" pieces
//   are the raw byte NN; everything else is the piece's bytes.
//
// Extensions over run.c (which reads a C string from the command line): the text may contain NUL
// (byte fallback <0x00>); lone surrogates are encoded as U+FFFD; special-token text may be matched per
// EncodeOptions.special (each ordinary segment then gets its own dummy prefix, as Hugging Face's
// Llama tokenizer does); run.c's `safe_printf` drops single non-printable bytes when printing, decode
// here keeps every byte (so decode(encode(s)) === s).

import { BpeMerger, type MergeRules, NO_MERGE } from "../bpe/merge.js";
import { WordCache } from "../bpe/word-cache.js";
import { InvalidArgumentError, InvalidTokenIdError } from "../errors.js";
import { binaryToBytes, bytesToBinary } from "../bytelevel/utf8.js";
import { utf8Encode } from "../formats/utf8.js";
import { SpecialTokenSplitter } from "../formats/special-segments.js";
import { Utf8StreamDecoder, decodeUtf8 } from "../stream/utf8-stream.js";
import type { DecodeOptions, EncodeOptions, StreamDecoder, TokenSpan, Tokenizer } from "../types.js";
import { DecodeTable } from "./decode-table.js";
import type { Llama2cVocabulary } from "./read-tokenizer-bin.js";

/** run.c's `best_score` starts at -1e10 (a float): pairs scoring at or below it never merge. */
const MIN_MERGE_SCORE = Math.fround(-1e10);
/** run.c's fixed ids. */
const UNK_ID = 0;
const BOS_ID = 1;
const EOS_ID = 2;
const BYTE_ID_OFFSET = 3;
const SPACE = " ";

export interface Llama2cTokenizerOptions {
  /** Human name. Default "llama2.c tokenizer". */
  name?: string;
}

/** A tokenizer identical to llama2.c's run.c on its tokenizer.bin vocabulary. */
export class Llama2cTokenizer implements Tokenizer {
  readonly name: string;
  readonly vocabSize: number;
  readonly bosId: number | undefined;
  readonly eosId: number | undefined;
  readonly padId: number | undefined = undefined;
  readonly unkId: number | undefined;
  readonly specialTokens: ReadonlyMap<string, number>;
  /** The header's max_token_length. */
  readonly maxTokenLength: number;

  readonly #pieces: readonly string[];
  readonly #scores: Float32Array;
  readonly #lookup = new Map<string, number>();
  readonly #mergeRank: Float64Array;
  readonly #singleByteId = new Int32Array(256).fill(-1);
  readonly #prefixId: number;
  readonly #specialText = new Map<number, string>();
  readonly #splitter: SpecialTokenSplitter;
  readonly #merger = new BpeMerger();
  readonly #rules: MergeRules;
  readonly #table: DecodeTable;
  /** Words (a run of spaces and the non-spaces after it) merge independently: see #wordsAreIndependent. */
  readonly #splitWords: boolean;
  readonly #cache = new WordCache();
  #symbols = new Int32Array(256);
  #symbolByte = new Int32Array(256);

  constructor(vocabulary: Llama2cVocabulary, options: Llama2cTokenizerOptions = {}) {
    const { pieces, scores } = vocabulary;
    this.name = options.name ?? "llama2.c tokenizer";
    this.maxTokenLength = vocabulary.maxTokenLength;
    this.vocabSize = pieces.length;
    this.#pieces = pieces;
    this.#scores = scores;

    // run.c binary-searches a sorted copy of the vocabulary; with duplicate pieces its choice is
    // unspecified, here the lowest id wins.
    const lookup = this.#lookup;
    for (let id = 0; id < pieces.length; id++) if (!lookup.has(pieces[id])) lookup.set(pieces[id], id);
    this.#mergeRank = new Float64Array(pieces.length);
    for (let id = 0; id < pieces.length; id++) this.#mergeRank[id] = scores[id] > MIN_MERGE_SCORE ? -scores[id] : NO_MERGE;
    for (let b = 0; b < 256; b++) this.#singleByteId[b] = lookup.get(String.fromCharCode(b)) ?? -1;
    this.#prefixId = lookup.get(SPACE) ?? this.#byteId(0x20);

    const specials = new Map<string, number>();
    const control = (id: number, expected: string): number | undefined => {
      if (id >= pieces.length) return undefined;
      const text = pieces[id].trim() === expected ? expected : pieces[id].trim();
      if (text.length === 0) return undefined;
      specials.set(text, id);
      this.#specialText.set(id, text);
      return id;
    };
    this.unkId = control(UNK_ID, "<unk>");
    this.bosId = control(BOS_ID, "<s>");
    this.eosId = control(EOS_ID, "</s>");
    this.specialTokens = specials;
    this.#splitter = new SpecialTokenSplitter(specials);

    const mergeRank = this.#mergeRank;
    this.#rules = {
      rank: (left, right) => {
        const id = lookup.get(pieces[left] + pieces[right]);
        return id === undefined ? NO_MERGE : mergeRank[id];
      },
      merged: (left, right) => lookup.get(pieces[left] + pieces[right])!,
    };
    this.#table = new DecodeTable(pieces, this.#specialText);
    this.#splitWords = wordsAreIndependent(pieces);
  }

  /** run.c's byte fallback id (byte + 3), or <unk> when the vocabulary is too small to have it. */
  #byteId(byte: number): number {
    const id = byte + BYTE_ID_OFFSET;
    return id < this.vocabSize ? id : UNK_ID;
  }

  // ─── encoding ─────────────────────────────────────────────────────────────────────────────────

  encode(text: string, options?: EncodeOptions): number[] {
    const out: number[] = [];
    this.#encode(text, options, (id) => out.push(id));
    return out;
  }

  count(text: string, options?: EncodeOptions): number {
    let n = 0;
    this.#encode(text, options, () => n++);
    return n;
  }

  isWithinTokenLimit(text: string, limit: number, options?: EncodeOptions): number | false {
    if (!(limit >= 0)) throw new InvalidArgumentError("limit", `expected a non-negative number, got ${limit}`);
    const n = this.count(text, options);
    return n <= limit ? n : false;
  }

  encodeWithOffsets(text: string, options?: EncodeOptions): TokenSpan[] {
    const spans: TokenSpan[] = [];
    const bosEos = (id: number, unit: number, byte: number): void => {
      spans.push({ id, piece: this.idToPiece(id), start: unit, end: unit, byteStart: byte, byteEnd: byte });
    };
    if (options?.bos ?? true) bosEos(this.#required(this.bosId, "bos"), 0, 0);
    let byteBase = 0;
    for (const segment of this.#splitter.split(text, options)) {
      const bytes = utf8Encode(segment.text);
      if (segment.id !== undefined) {
        spans.push({
          id: segment.id,
          piece: this.idToPiece(segment.id),
          start: segment.start,
          end: segment.start + segment.text.length,
          byteStart: byteBase,
          byteEnd: byteBase + bytes.length,
        });
      } else if (bytes.length > 0) {
        const units = byteToUnit(segment.text, bytes.length);
        const n = this.#mergeSegment(bytes, true);
        const { output, outputStart } = this.#merger;
        for (let k = 0; k < n; k++) {
          const byteStart = this.#symbolByte[outputStart[k]];
          const byteEnd = k + 1 < n ? this.#symbolByte[outputStart[k + 1]] : bytes.length;
          spans.push({
            id: output[k],
            piece: this.idToPiece(output[k]),
            start: segment.start + units[byteStart],
            end: segment.start + unitEnd(segment.text, units, byteEnd),
            byteStart: byteBase + byteStart,
            byteEnd: byteBase + byteEnd,
          });
        }
      }
      byteBase += bytes.length;
    }
    if (options?.eos === true) bosEos(this.#required(this.eosId, "eos"), text.length, byteBase);
    return spans;
  }

  #encode(text: string, options: EncodeOptions | undefined, emit: (id: number) => void): void {
    if (options?.bos ?? true) emit(this.#required(this.bosId, "bos"));
    for (const segment of this.#splitter.split(text, options)) {
      if (segment.id !== undefined) emit(segment.id);
      else if (segment.text.length > 0 && this.#splitWords) this.#encodeWords(segment.text, emit);
      else if (segment.text.length > 0) {
        const n = this.#mergeSegment(utf8Encode(segment.text), true);
        const output = this.#merger.output;
        for (let k = 0; k < n; k++) emit(output[k]);
      }
    }
    if (options?.eos === true) emit(this.#required(this.eosId, "eos"));
  }

  /** Same ids as merging the whole text, one cached word at a time. */
  #encodeWords(text: string, emit: (id: number) => void): void {
    const words = ` ${text}`;
    const cache = this.#cache;
    let from = 0;
    while (from < words.length) {
      let to = from;
      while (to < words.length && words.charCodeAt(to) === 0x20) to++;
      while (to < words.length && words.charCodeAt(to) !== 0x20) to++;
      const word = words.slice(from, to);
      let ids = cache.get(word);
      if (ids === undefined) {
        const n = this.#mergeSegment(utf8Encode(word), false);
        const output = this.#merger.output;
        ids = n === 1 ? output[0] : Array.from(output.subarray(0, n));
        cache.set(word, ids);
      }
      if (typeof ids === "number") emit(ids);
      else for (const id of ids) emit(id);
      from = to;
    }
  }

  #required(id: number | undefined, option: string): number {
    if (id === undefined)
      throw new InvalidArgumentError(`options.${option}`, `${this.name} has no ${option === "bos" ? "beginning" : "end"}-of-sequence token`);
    return id;
  }

  /**
   * The hot path: dummy prefix (when `prefix`) + one symbol per character (or per byte, as fallback),
   * then the merges. Leaves the ids in this.#merger.output[0..n) and each input symbol's byte offset
   * in #symbolByte (the dummy prefix sits at byte 0 with no width).
   */
  #mergeSegment(bytes: Uint8Array, prefix: boolean): number {
    const len = bytes.length;
    if (this.#symbols.length < len + 1) {
      this.#symbols = new Int32Array(Math.max(len + 1, 2 * this.#symbols.length));
      this.#symbolByte = new Int32Array(this.#symbols.length);
    }
    const symbols = this.#symbols;
    const symbolByte = this.#symbolByte;
    const singleByteId = this.#singleByteId;
    const lookup = this.#lookup;
    let n = 0;
    if (prefix) {
      symbols[n] = this.#prefixId;
      symbolByte[n++] = 0;
    }
    let i = 0;
    while (i < len) {
      const lead = bytes[i];
      let j = i + 1;
      while (j < len && j - i < 4 && (bytes[j] & 0xc0) === 0x80) j++;
      const id = j === i + 1 ? singleByteId[lead] : (lookup.get(bytesToBinary(bytes.subarray(i, j))) ?? -1);
      if (id >= 0) {
        symbols[n] = id;
        symbolByte[n++] = i;
      } else {
        for (let k = i; k < j; k++) {
          symbols[n] = this.#byteId(bytes[k]);
          symbolByte[n++] = k;
        }
      }
      i = j;
    }
    return this.#merger.run(symbols, n, this.#rules);
  }

  // ─── decoding ─────────────────────────────────────────────────────────────────────────────────

  /** The bytes `id` prints after `previous` (run.c's decode), or an empty view for a skipped control token. */
  #tokenBytes(id: number, previous: number, index: number, skipSpecial: boolean): Uint8Array {
    if (!(Number.isInteger(id) && id >= 0 && id < this.vocabSize)) throw new InvalidTokenIdError(id, index, this.vocabSize);
    return this.#table.bytesAfter(id, previous, this.bosId, skipSpecial);
  }

  decode(ids: ArrayLike<number>, options?: DecodeOptions): string {
    return decodeUtf8(this.decodeBytes(ids, options));
  }

  decodeBytes(ids: ArrayLike<number>, options?: DecodeOptions): Uint8Array {
    const skipSpecial = options?.skipSpecial === true;
    const parts: Uint8Array[] = [];
    let total = 0;
    let previous = -1;
    for (let i = 0; i < ids.length; i++) {
      const part = this.#tokenBytes(ids[i], previous, i, skipSpecial);
      parts.push(part);
      total += part.length;
      previous = ids[i];
    }
    const out = new Uint8Array(total);
    let o = 0;
    for (const part of parts) {
      out.set(part, o);
      o += part.length;
    }
    return out;
  }

  /** Streaming decode with run.c's rule (a leading space is dropped right after BOS). */
  streamDecoder(options?: DecodeOptions): StreamDecoder {
    const utf8 = new Utf8StreamDecoder();
    const skipSpecial = options?.skipSpecial === true;
    let previous = -1;
    let index = 0;
    return {
      push: (id: number): string => {
        const bytes = this.#tokenBytes(id, previous, index++, skipSpecial);
        previous = id;
        return bytes.length === 0 ? "" : utf8.push(bytes);
      },
      flush: (): string => {
        previous = -1;
        index = 0;
        return utf8.flush();
      },
    };
  }

  // ─── vocabulary ───────────────────────────────────────────────────────────────────────────────

  /** The piece in SentencePiece's spelling: "▁" for a space ("▁the"), "<0x0A>", "<s>". */
  idToPiece(id: number): string {
    if (!(Number.isInteger(id) && id >= 0 && id < this.vocabSize)) throw new InvalidTokenIdError(id, -1, this.vocabSize);
    return this.#specialText.get(id) ?? decodeUtf8(binaryToBytes(this.#pieces[id])).replaceAll(SPACE, "\u2581");
  }

  /** Accepts the SentencePiece spelling ("▁the") or the stored one (" the"). */
  pieceToId(piece: string): number | undefined {
    return this.specialTokens.get(piece) ?? this.#lookup.get(bytesToBinary(utf8Encode(piece.replaceAll("\u2581", SPACE))));
  }

  /** The stored score of an id (higher merges first). */
  score(id: number): number {
    if (!(Number.isInteger(id) && id >= 0 && id < this.vocabSize)) throw new InvalidTokenIdError(id, -1, this.vocabSize);
    return this.#scores[id];
  }
}

/**
 * True when no piece contains a non-space byte followed by a space: then no merge can join the end of
 * one word to the space that starts the next, and words can be merged (and cached) one at a time with
 * exactly the ids of run.c's whole-text merge. Holds for Llama 2's and the tinyllamas vocabularies.
 */
function wordsAreIndependent(pieces: readonly string[]): boolean {
  return !pieces.some((p) => /[^ ] /.test(p));
}

/** For each byte offset 0..byteLength of `text`'s UTF-8, the UTF-16 offset of the character it falls in. */
function byteToUnit(text: string, byteLength: number): Int32Array {
  const units = new Int32Array(byteLength + 1);
  let b = 0;
  for (let u = 0; u < text.length; ) {
    const c = text.codePointAt(u)!;
    const isPair = c > 0xffff;
    const width = c < 0x80 ? 1 : c < 0x800 ? 2 : isPair ? 4 : 3;
    for (let k = 0; k < width; k++) units[b + k] = u;
    b += width;
    u += isPair ? 2 : 1;
  }
  units[byteLength] = text.length;
  return units;
}

/** UTF-16 end of a token ending at byte `byteEnd`: a token that ends inside a character covers all of it. */
function unitEnd(text: string, units: Int32Array, byteEnd: number): number {
  const insideCharacter = byteEnd > 0 && byteEnd < units.length - 1 && units[byteEnd] === units[byteEnd - 1];
  if (!insideCharacter) return units[byteEnd];
  return units[byteEnd] + (text.codePointAt(units[byteEnd])! > 0xffff ? 2 : 1);
}
