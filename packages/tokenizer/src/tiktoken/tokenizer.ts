import { BpeMerger, type MergeRules, NO_MERGE } from "../bpe/merge.js";
import { binaryToPiece, pieceToBinary } from "../bytelevel/gpt2-bytes.js";
import { utf8Binary, utf8UnitLength } from "../bytelevel/utf8.js";
import { InvalidArgumentError, InvalidTokenIdError, TokenizerFileError } from "../errors.js";
import { RegexPretokenizer } from "../pretokenize/regex-pretokenizer.js";
import { decodeUtf8 } from "../stream/utf8-stream.js";
import { Utf8StreamDecoder } from "../stream/utf8-stream.js";
import type { DecodeOptions, EncodeOptions, StreamDecoder, TokenSpan, Tokenizer } from "../types.js";
import { type ByteVocabulary, hashStep } from "./byte-vocabulary.js";
import { type TiktokenRanks, toByteVocabulary } from "./ranks.js";
import { PieceBytes } from "./piece-bytes.js";
import { PieceCache } from "./piece-cache.js";
import { SHORT_PIECE_BYTES, ShortPieceMerger } from "./short-piece-merge.js";
import { type SpecialTokenMatcher, SpecialTokenPolicies } from "./special-tokens.js";

export interface TiktokenTokenizerOptions {
  /** Human name, e.g. "cl100k_base". */
  name: string;
  /** The byte-level vocabulary (see loadTiktokenRanks / loadCompactRanks / ranksFromTokens). */
  ranks: TiktokenRanks;
  /** Pre-tokenization: tiktoken's `pat_str` (Rust regex syntax, translated) or a JS RegExp with the u flag. */
  pattern: string | RegExp;
  /** Special tokens: text → id. Ids must not be ranks of ordinary tokens. */
  specialTokens?: Readonly<Record<string, number>> | ReadonlyMap<string, number>;
  /** Special token used for `eos: true` and `eosId`. Default "<|endoftext|>" when present. */
  eosToken?: string;
  /** Special token used for `bos: true` and `bosId`. Default none (tiktoken encodings have no BOS). */
  bosToken?: string;
  /** Special token reported as `padId`. Default none. */
  padToken?: string;
  /** Piece cache capacity (pre-tokens of several tokens). Default 32 768 (≈ 2 MB). */
  cacheSize?: number;
}

const EMPTY = new Uint8Array(0);

/**
 * Byte-level BPE in tiktoken's form (r50k/p50k/cl100k/o200k and trained vocabularies). Produces the
 * same ids as OpenAI's tiktoken: special tokens are matched first (per the policy), the rest is split
 * by the regex, each pre-token is looked up whole and otherwise merged by rank from its UTF-8 bytes.
 * Lone surrogates are encoded as U+FFFD (EF BF BD), as tiktoken's JS binding does.
 */
export class TiktokenTokenizer implements Tokenizer {
  readonly name: string;
  readonly vocabSize: number;
  readonly bosId: number | undefined;
  readonly eosId: number | undefined;
  readonly padId: number | undefined;
  readonly unkId: number | undefined = undefined;
  readonly specialTokens: ReadonlyMap<string, number>;
  /** The pre-tokenization pattern as given. */
  readonly pattern: string | RegExp;
  /** The vocabulary (shared, never copied). */
  readonly ranks: ByteVocabulary;

  readonly #vocab: ByteVocabulary;
  readonly #specialText = new Map<number, string>();
  /** Special id → its UTF-8 bytes (for decoding). */
  readonly #specialBytes = new Map<number, Uint8Array>();
  readonly #byteRank = new Int32Array(256);
  readonly #pre: RegexPretokenizer;
  readonly #policies: SpecialTokenPolicies;
  readonly #cache: PieceCache;
  readonly #shortMerger: ShortPieceMerger;
  readonly #merger = new BpeMerger();
  readonly #rules: MergeRules;
  readonly #options: TiktokenTokenizerOptions;
  readonly #pieceBytes = new PieceBytes();
  /** Input of the heap merger (long pre-tokens). */
  #symbols = new Int32Array(64);
  /** Where #piece left the ids of a pre-token of several tokens. */
  #span: Int32Array = new Int32Array(0);
  #spanStart = 0;
  #spanEnd = 0;

  constructor(options: TiktokenTokenizerOptions) {
    this.#options = options;
    this.name = options.name;
    this.pattern = options.pattern;
    const vocab = toByteVocabulary(options.ranks, options.name);
    this.ranks = vocab;
    this.#vocab = vocab;

    for (let b = 0; b < 256; b++) {
      const rank = vocab.find(hashStep(0, b), Uint8Array.of(b), 0, 1);
      if (rank < 0)
        throw new TokenizerFileError(`the vocabulary has no token for the single byte 0x${b.toString(16).padStart(2, "0")}`, {
          file: options.name,
        });
      this.#byteRank[b] = rank;
    }

    const specials = new Map<string, number>(
      options.specialTokens instanceof Map ? options.specialTokens : Object.entries(options.specialTokens ?? {}),
    );
    let vocabSize = vocab.rankCount;
    for (const [text, id] of specials) {
      if (text.length === 0) throw new InvalidArgumentError("specialTokens", "a special token's text is empty");
      if (!Number.isInteger(id) || id < 0 || id > 0x3fffffff)
        throw new InvalidArgumentError("specialTokens", `${JSON.stringify(text)} has id ${id}, expected a non-negative integer`);
      if (vocab.length(id) > 0)
        throw new InvalidArgumentError("specialTokens", `${JSON.stringify(text)} has id ${id}, which is an ordinary token's rank`);
      if (this.#specialText.has(id))
        throw new InvalidArgumentError("specialTokens", `${JSON.stringify(text)} reuses the id ${id} of ${JSON.stringify(this.#specialText.get(id))}`);
      this.#specialText.set(id, text);
      this.#specialBytes.set(id, new TextEncoder().encode(text));
      vocabSize = Math.max(vocabSize, id + 1);
    }
    this.specialTokens = specials;
    this.vocabSize = vocabSize;
    this.eosId = this.#specialId("eosToken", options.eosToken ?? (specials.has("<|endoftext|>") ? "<|endoftext|>" : undefined));
    this.bosId = this.#specialId("bosToken", options.bosToken);
    this.padId = this.#specialId("padToken", options.padToken);

    this.#pre = new RegexPretokenizer(options.pattern);
    this.#policies = new SpecialTokenPolicies(specials);
    this.#cache = new PieceCache(options.cacheSize);
    this.#shortMerger = new ShortPieceMerger(vocab, this.#byteRank);
    // A pair merges into the token whose bytes are the two tokens' bytes joined; its rank is that
    // token's rank (tiktoken's rule): one probe of the byte vocabulary's hash table.
    this.#rules = {
      rank: (left, right) => {
        const rank = vocab.findPair(left, right);
        return rank < 0 ? NO_MERGE : rank;
      },
      merged: (left, right) => vocab.findPair(left, right),
      mergedIsRank: true,
    };
  }

  #specialId(option: string, text: string | undefined): number | undefined {
    if (text === undefined) return undefined;
    const id = this.specialTokens.get(text);
    if (id === undefined) throw new InvalidArgumentError(option, `${JSON.stringify(text)} is not one of the special tokens`);
    return id;
  }

  /**
   * A tokenizer with extra special tokens (text → id), sharing this one's vocabulary. Ids must be
   * unused; decoding of existing ids is unchanged.
   */
  withSpecialTokens(extra: Readonly<Record<string, number>>): TiktokenTokenizer {
    const specials = new Map(this.specialTokens);
    for (const [text, id] of Object.entries(extra)) {
      if (specials.has(text)) throw new InvalidArgumentError("extra", `${JSON.stringify(text)} is already a special token`);
      specials.set(text, id);
    }
    return new TiktokenTokenizer({ ...this.#options, specialTokens: specials });
  }

  // ─── encoding ─────────────────────────────────────────────────────────────────────────────────

  encode(text: string, options?: EncodeOptions): number[] {
    const out: number[] = [];
    this.#encode(text, options, out, Infinity);
    return out;
  }

  count(text: string, options?: EncodeOptions): number {
    return this.#encode(text, options, null, Infinity);
  }

  isWithinTokenLimit(text: string, limit: number, options?: EncodeOptions): number | false {
    if (!(limit >= 0)) throw new InvalidArgumentError("limit", `expected a non-negative number, got ${limit}`);
    const n = this.#encode(text, options, null, limit);
    return n <= limit ? n : false;
  }

  /** Yields the ids of `encode(text, options)` one pre-token at a time (for very long inputs). */
  *encodeGenerator(text: string, options?: EncodeOptions): Generator<number, void, undefined> {
    const batch: number[] = [];
    if (options?.bos === true) yield this.#required(this.bosId, "bos");
    const matcher = this.#policies.matcherFor(text, options);
    let from = 0;
    for (;;) {
      const found = matcher !== null && matcher.find(text, from);
      const end = found ? matcher.index : text.length;
      const segment = from === 0 && end === text.length ? text : text.slice(from, end);
      const pre = this.#pre;
      let pos = 0;
      while (pos < segment.length && (pos = pre.next(segment, pos)) >= 0) {
        batch.length = 0;
        this.#pushPiece(segment, pre.start, pos, batch);
        yield* batch;
      }
      if (!found) break;
      yield matcher.id;
      from = matcher.index + matcher.token.length;
    }
    if (options?.eos === true) yield this.#required(this.eosId, "eos");
  }

  /** Encodes into `out` (or only counts when out is null), stopping once the count exceeds `limit`. */
  #encode(text: string, options: EncodeOptions | undefined, out: number[] | null, limit: number): number {
    let count = 0;
    if (options?.bos === true) {
      const bos = this.#required(this.bosId, "bos");
      if (out !== null) out.push(bos);
      count++;
    }
    const matcher: SpecialTokenMatcher | null = this.#policies.matcherFor(text, options);
    if (matcher === null) count = this.#encodeOrdinary(text, out, count, limit);
    else {
      let from = 0;
      for (;;) {
        const found = matcher.find(text, from);
        const end = found ? matcher.index : text.length;
        if (end > from) count = this.#encodeOrdinary(from === 0 && end === text.length ? text : text.slice(from, end), out, count, limit);
        if (!found || count > limit) break;
        if (out !== null) out.push(matcher.id);
        count++;
        from = matcher.index + matcher.token.length;
      }
    }
    if (options?.eos === true) {
      const eos = this.#required(this.eosId, "eos");
      if (out !== null) out.push(eos);
      count++;
    }
    return count;
  }

  #required(id: number | undefined, option: string): number {
    if (id === undefined)
      throw new InvalidArgumentError(`options.${option}`, `${this.name} has no ${option === "bos" ? "beginning" : "end"}-of-sequence token`);
    return id;
  }

  /** The hot loop: pre-tokenize, then resolve each pre-token (see #piece). */
  #encodeOrdinary(text: string, out: number[] | null, count: number, limit: number): number {
    const pre = this.#pre;
    const n = text.length;
    let pos = 0;
    while (pos < n && count <= limit) {
      pos = pre.next(text, pos);
      if (pos < 0) break;
      const id = this.#piece(text, pre.start, pos);
      if (id >= 0) {
        if (out !== null) out.push(id);
        count++;
      } else {
        const ids = this.#span;
        const to = this.#spanEnd;
        if (out !== null) for (let i = this.#spanStart; i < to; i++) out.push(ids[i]);
        count += to - this.#spanStart;
      }
    }
    return count;
  }

  #pushPiece(text: string, start: number, end: number, out: number[]): void {
    const id = this.#piece(text, start, end);
    if (id >= 0) out.push(id);
    else for (let i = this.#spanStart; i < this.#spanEnd; i++) out.push(this.#span[i]);
  }

  /**
   * The ids of the pre-token text[start, end): returns the id when it is one token; otherwise -1, with
   * the ids in #span[#spanStart, #spanEnd) (valid until the next call). In order: the whole pre-token
   * in the vocabulary (most words of real text), the piece cache, else a BPE merge of its bytes.
   */
  #piece(text: string, start: number, end: number): number {
    const piece = this.#pieceBytes;
    piece.load(text, start, end);
    const { buf, length: n, hash: h } = piece;
    const vocab = this.#vocab;
    if (n <= vocab.maxTokenLength) {
      const whole = vocab.find(h, buf, 0, n);
      if (whole >= 0) return whole;
    }
    const cache = this.#cache;
    const hit = cache.find(h, buf, n);
    if (hit >= 0) {
      this.#span = cache.ids;
      this.#spanStart = cache.idStart(hit);
      this.#spanEnd = this.#spanStart + cache.idCount(hit);
      return -1;
    }
    let ids: Int32Array;
    let k: number;
    if (n <= SHORT_PIECE_BYTES) {
      k = this.#shortMerger.run(buf, n);
      ids = this.#shortMerger.ids;
    } else {
      if (this.#symbols.length < n) this.#symbols = new Int32Array(Math.max(n, 2 * this.#symbols.length));
      const symbols = this.#symbols;
      const byteRank = this.#byteRank;
      for (let i = 0; i < n; i++) symbols[i] = byteRank[buf[i]];
      k = this.#merger.run(symbols, n, this.#rules);
      ids = this.#merger.output;
    }
    if (k === 1) return ids[0];
    cache.add(h, buf, n, ids, k);
    this.#span = ids;
    this.#spanStart = 0;
    this.#spanEnd = k;
    return -1;
  }

  encodeWithOffsets(text: string, options?: EncodeOptions): TokenSpan[] {
    const spans: TokenSpan[] = [];
    let unit = 0;
    let byte = 0;
    const pushSpecial = (id: number, token: string): void => {
      const bytes = utf8Binary(token).length;
      spans.push({ id, piece: token, start: unit, end: unit + token.length, byteStart: byte, byteEnd: byte + bytes });
      unit += token.length;
      byte += bytes;
    };
    if (options?.bos === true) {
      const id = this.#required(this.bosId, "bos");
      spans.push({ id, piece: this.#specialText.get(id)!, start: 0, end: 0, byteStart: 0, byteEnd: 0 });
    }
    const matcher = this.#policies.matcherFor(text, options);
    let from = 0;
    for (;;) {
      const found = matcher !== null && matcher.find(text, from);
      const end = found ? matcher.index : text.length;
      const segment = text.slice(from, end);
      const pre = this.#pre;
      let pos = 0;
      while (pos < segment.length && (pos = pre.next(segment, pos)) >= 0) {
        // Characters the pattern skipped (none for tiktoken's patterns) still advance the offsets.
        for (; unit < from + pre.start; unit++) byte += utf8UnitLength(text, unit);
        const piece = segment.slice(pre.start, pos);
        const ids: number[] = [];
        this.#pushPiece(segment, pre.start, pos, ids);
        this.#pieceSpans(text, unit, byte, ids, spans);
        byte += utf8Binary(piece).length;
        unit = from + pos;
      }
      for (; unit < end; unit++) byte += utf8UnitLength(text, unit);
      if (!found) break;
      pushSpecial(matcher.id, matcher.token);
      from = matcher.index + matcher.token.length;
    }
    if (options?.eos === true) {
      const id = this.#required(this.eosId, "eos");
      spans.push({ id, piece: this.#specialText.get(id)!, start: unit, end: unit, byteStart: byte, byteEnd: byte });
    }
    return spans;
  }

  /**
   * Spans of the tokens of one pre-token starting at UTF-16 offset `unit` / byte offset `byte`. A token
   * that begins or ends inside a multi-byte character covers that whole character in UTF-16 terms
   * (so neighbouring spans can share a character); byte offsets are always exact.
   */
  #pieceSpans(text: string, unit: number, byte: number, ids: number[], spans: TokenSpan[]): void {
    let charUnit = unit; // UTF-16 index of the first character not yet fully covered
    let charByte = byte; // byte offset where that character starts
    let b = byte;
    for (const id of ids) {
      const byteEnd = b + this.#vocab.length(id);
      const start = charUnit;
      for (;;) {
        const w = utf8UnitLength(text, charUnit);
        if (charByte + w > byteEnd) break;
        charByte += w;
        charUnit += w === 4 ? 2 : 1;
        if (charByte === byteEnd) break;
      }
      // A token ending inside a character covers it; the next token starts in the same character.
      const end = charByte < byteEnd ? charUnit + (utf8UnitLength(text, charUnit) === 4 ? 2 : 1) : charUnit;
      spans.push({ id, piece: this.idToPiece(id), start, end, byteStart: b, byteEnd });
      b = byteEnd;
    }
  }

  // ─── decoding ─────────────────────────────────────────────────────────────────────────────────

  decode(ids: ArrayLike<number>, options?: DecodeOptions): string {
    const [bytes, length] = this.#concatBytes(ids, options?.skipSpecial === true);
    return decodeUtf8(bytes.subarray(0, length));
  }

  decodeBytes(ids: ArrayLike<number>, options?: DecodeOptions): Uint8Array {
    const [bytes, length] = this.#concatBytes(ids, options?.skipSpecial === true);
    return length === bytes.length ? bytes : bytes.slice(0, length);
  }

  /**
   * The tokens' bytes, concatenated in one pass into a buffer that grows as needed (ordinary tokens
   * straight from the vocabulary); returns the buffer and how much of it is used. An id that is
   * neither a rank nor a special token throws, naming its index (a non-integer id finds no range).
   */
  #concatBytes(ids: ArrayLike<number>, skipSpecial: boolean): [Uint8Array, number] {
    const { bytes, start, rankCount } = this.#vocab;
    let out = new Uint8Array(Math.max(64, 4 * ids.length));
    let o = 0;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      let piece: Uint8Array | undefined;
      let from = 0;
      let to = 0;
      if (id >= 0 && id < rankCount) {
        from = start[id];
        to = start[id + 1];
      }
      if (!(to > from)) {
        piece = this.#specialBytes.get(id);
        if (piece === undefined) throw new InvalidTokenIdError(id, i, this.vocabSize);
        if (skipSpecial) continue;
      }
      const n = piece === undefined ? to - from : piece.length;
      if (o + n > out.length) {
        const bigger = new Uint8Array(Math.max(2 * out.length, o + n));
        bigger.set(out.subarray(0, o));
        out = bigger;
      }
      if (piece === undefined) for (let j = from; j < to; j++) out[o++] = bytes[j];
      else {
        out.set(piece, o);
        o += n;
      }
    }
    return [out, o];
  }

  streamDecoder(options?: DecodeOptions): StreamDecoder {
    const utf8 = new Utf8StreamDecoder();
    const skipSpecial = options?.skipSpecial === true;
    let index = 0;
    return {
      push: (id: number): string => {
        const bytes = this.#tokenBytes(id, index++, skipSpecial);
        return bytes.length === 0 ? "" : utf8.push(bytes);
      },
      flush: (): string => utf8.flush(),
    };
  }

  #tokenBytes(id: number, index: number, skipSpecial: boolean): Uint8Array {
    const vocab = this.#vocab;
    if (vocab.length(id) > 0 && Number.isInteger(id)) return vocab.bytes.subarray(vocab.start[id], vocab.start[id + 1]);
    const special = this.#specialBytes.get(id);
    if (special === undefined) throw new InvalidTokenIdError(id, index, this.vocabSize);
    return skipSpecial ? EMPTY : special;
  }

  // ─── vocabulary ───────────────────────────────────────────────────────────────────────────────

  /** Ordinary tokens print in GPT-2's byte-level alphabet ("Ġworld"); specials as their text. */
  idToPiece(id: number): string {
    const token = Number.isInteger(id) ? this.#vocab.binary(id) : undefined;
    if (token !== undefined) return binaryToPiece(token);
    const special = this.#specialText.get(id);
    if (special !== undefined) return special;
    throw new InvalidTokenIdError(id, -1, this.vocabSize);
  }

  pieceToId(piece: string): number | undefined {
    const special = this.specialTokens.get(piece);
    if (special !== undefined) return special;
    const binary = pieceToBinary(piece);
    return binary === undefined ? undefined : this.#vocab.rankOfBinary(binary);
  }

  /** The raw bytes of one id (ordinary or special). */
  tokenBytes(id: number): Uint8Array {
    return this.#tokenBytes(id, -1, false).slice();
  }
}
