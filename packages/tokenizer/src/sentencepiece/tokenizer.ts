// A SentencePiece model (`.model`, BPE or unigram), encoding like the C++ library's
// SentencePieceProcessor::Encode and decoding like its Decode:
//
// encode: normalize (see normalize.ts), then segment —
//   BPE: one symbol per character (user-defined pieces matched whole, longest first), then merge the
//     adjacent pair whose concatenation is a normal or user-defined piece with the highest score,
//     leftmost first (the shared BpeMerger with rank = -score);
//   unigram: the best-scoring path of pieces (unigram-segment.ts) —
//   then a stretch that is not a piece becomes its UTF-8 bytes' <0xNN> pieces with byte_fallback,
//   else <unk> (consecutive unknown stretches fused into one <unk>).
// decode: control pieces print nothing (their text unless skipSpecial here, see DecodeOptions),
//   <unk> prints unk_surface (" ⁇ "), <0xNN> pieces are raw bytes, "▁" is a space, and the first
//   non-control piece loses one leading "▁" (the dummy prefix).
// BOS/EOS are added only when asked (the library's default); special-token text is plain text unless
// EncodeOptions.special says otherwise (each ordinary segment is then normalized on its own).

import { WordCache } from "../bpe/word-cache.js";
import { InvalidArgumentError, InvalidTokenIdError } from "../errors.js";
import { utf16ToUtf8Offsets, utf8Encode } from "../formats/utf8.js";
import { SpecialTokenSplitter } from "../formats/special-segments.js";
import { UnsupportedFormatError } from "../formats/unsupported.js";
import { Utf8StreamDecoder, decodeUtf8 } from "../stream/utf8-stream.js";
import type { DecodeOptions, EncodeOptions, StreamDecoder, TokenSpan, Tokenizer } from "../types.js";
import type { PieceType, SentencePieceModel } from "./model-proto.js";
import {
  type NormalizedText,
  SPACE_SYMBOL,
  type WhitespaceRules,
  normalizeWhitespace,
  normalizeWhitespaceText,
  normalizeWithCharsmap,
} from "./normalize.js";
import { BpeSegmenter } from "./bpe-segment.js";
import { type PieceSink, PieceTrie, UNKNOWN, type UnigramVocab, unigramSegment } from "./unigram-segment.js";
import { PrecompiledCharsmap } from "./charsmap.js";

export interface SentencePieceTokenizerOptions {
  /** Human name. Default "sentencepiece <model type>". */
  name?: string;
  /** File name for error messages. */
  file?: string;
}

/** How each id decodes. */
const enum Kind {
  Ordinary = 0,
  Control = 1,
  Unknown = 2,
  Byte = 3,
}

export class SentencePieceTokenizer implements Tokenizer {
  readonly name: string;
  readonly vocabSize: number;
  readonly bosId: number | undefined;
  readonly eosId: number | undefined;
  readonly padId: number | undefined;
  readonly unkId: number | undefined;
  readonly specialTokens: ReadonlyMap<string, number>;
  /** The parsed model (pieces, trainer and normalizer specs). */
  readonly model: SentencePieceModel;

  readonly #pieceIds = new Map<string, number>();
  /** Pieces a merge may produce (normal and user-defined), → id. */
  readonly #mergeable = new Map<string, number>();
  readonly #pieces: readonly string[];
  readonly #rank: Float64Array;
  readonly #kind: Uint8Array;
  readonly #byteIds = new Int32Array(256).fill(-1);
  /** User-defined pieces by first UTF-16 unit, longest first. */
  readonly #userDefined = new Map<number, string[]>();
  readonly #rules: WhitespaceRules;
  readonly #splitter: SpecialTokenSplitter;
  readonly #bpe: BpeSegmenter | null;
  readonly #unigram: UnigramVocab | null;
  /** The normalizer's rules (nmt_nfkc, …), or null for identity normalization. */
  readonly #charsmap: PrecompiledCharsmap | null;
  /** Words (a run of "▁" and what follows up to the next "▁") merge independently: see wordsAreIndependent. */
  readonly #splitWords: boolean;
  readonly #cache = new WordCache();
  /** Id → decoded bytes (before the leading-"▁" rule), built on first decode. */
  #decodeBytes: Uint8Array[] | undefined;

  constructor(model: SentencePieceModel, options: SentencePieceTokenizerOptions = {}) {
    const file = options.file;
    const { trainerSpec: trainer, normalizerSpec: normalizer } = model;
    if (trainer.modelType !== "bpe" && trainer.modelType !== "unigram")
      throw new UnsupportedFormatError(`SentencePiece ${trainer.modelType} models are not supported (only bpe and unigram)`, {
        file,
        field: "trainer_spec.model_type",
      });
    this.#charsmap = normalizer.precompiledCharsmap.length > 0 ? new PrecompiledCharsmap(normalizer.precompiledCharsmap, file ?? "tokenizer.model") : null;
    this.model = model;
    this.name = options.name ?? `sentencepiece ${trainer.modelType}`;
    const pieces = model.pieces.map((p) => p.piece);
    this.#pieces = pieces;
    this.vocabSize = pieces.length;
    this.#rank = new Float64Array(pieces.length);
    this.#kind = new Uint8Array(pieces.length);
    const specials = new Map<string, number>();
    model.pieces.forEach(({ piece, score, type }, id) => {
      if (!this.#pieceIds.has(piece)) this.#pieceIds.set(piece, id);
      this.#rank[id] = -score;
      this.#kind[id] = kindOf(type);
      if (type === "normal" || type === "user-defined") if (!this.#mergeable.has(piece)) this.#mergeable.set(piece, id);
      if (type === "control" || type === "unknown") specials.set(piece, id);
      if (type === "byte") {
        const m = /^<0x([0-9A-F]{2})>$/.exec(piece);
        if (m !== null) this.#byteIds[parseInt(m[1], 16)] = id;
      }
      if (type === "user-defined" && piece.length > 0) {
        const list = this.#userDefined.get(piece.charCodeAt(0)) ?? [];
        list.push(piece);
        list.sort((a, b) => b.length - a.length);
        this.#userDefined.set(piece.charCodeAt(0), list);
      }
    });
    const idOf = (id: number, field: string): number | undefined => {
      if (id < 0) return undefined;
      if (id >= pieces.length)
        throw new UnsupportedFormatError(`id ${id} is outside the ${pieces.length} pieces`, { file, field: `trainer_spec.${field}` });
      return id;
    };
    this.unkId = idOf(trainer.unkId, "unk_id");
    this.bosId = idOf(trainer.bosId, "bos_id");
    this.eosId = idOf(trainer.eosId, "eos_id");
    this.padId = idOf(trainer.padId, "pad_id");
    this.specialTokens = specials;
    this.#splitter = new SpecialTokenSplitter(specials);
    this.#rules = {
      addDummyPrefix: normalizer.addDummyPrefix,
      removeExtraWhitespaces: normalizer.removeExtraWhitespaces,
      escapeWhitespaces: normalizer.escapeWhitespaces,
      treatWhitespaceAsSuffix: trainer.treatWhitespaceAsSuffix,
    };
    // Unigram segments the whole text (its best path may cross word boundaries); BPE merges may not.
    this.#splitWords = trainer.modelType === "bpe" && wordsAreIndependent(this.#mergeable.keys());
    this.#unigram = trainer.modelType === "unigram" ? this.#unigramVocab(model) : null;
    this.#bpe =
      trainer.modelType === "bpe" ? new BpeSegmenter(pieces, model.pieces.map((p) => p.score), this.#mergeable, (t, at) => this.#userDefinedAt(t, at)) : null;
  }

  #unigramVocab(model: SentencePieceModel): UnigramVocab {
    const trie = new PieceTrie();
    let minScore = Infinity;
    let maxScore = -Infinity;
    model.pieces.forEach(({ piece, score, type }, id) => {
      if (type === "normal" || type === "user-defined") trie.add(piece, id);
      if (type === "normal") {
        minScore = Math.min(minScore, score);
        maxScore = Math.max(maxScore, score);
      }
    });
    const types = model.pieces.map((p) => p.type);
    return {
      trie,
      scores: Float32Array.from(model.pieces, (p) => p.score),
      isUserDefined: (id) => types[id] === "user-defined",
      minScore: Number.isFinite(minScore) ? minScore : 0,
      maxScore: Number.isFinite(maxScore) ? maxScore : 0,
    };
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

  #encode(text: string, options: EncodeOptions | undefined, emit: (id: number) => void): void {
    if (options?.bos === true) emit(this.#required(this.bosId, "bos"));
    for (const segment of this.#splitter.split(text, options)) {
      if (segment.id !== undefined) emit(segment.id);
      else if (this.#splitWords) this.#encodeWords(this.#normalizedText(segment.text), emit);
      else this.#encodeNormalized(this.#normalizedText(segment.text), emit);
    }
    if (options?.eos === true) emit(this.#required(this.eosId, "eos"));
  }

  /** The normalized text with its origin table (for offsets). */
  #normalize(text: string): NormalizedText {
    if (this.#charsmap === null) return normalizeWhitespace(text, this.#rules);
    return normalizeWithCharsmap(text, this.#rules, this.#charsmap, (s, at) => this.#userDefinedAt(s, at));
  }

  /** The normalized text alone (the encode hot path). */
  #normalizedText(text: string): string {
    return this.#charsmap === null ? normalizeWhitespaceText(text, this.#rules) : this.#normalize(text).text;
  }

  /** The longest user-defined piece at `at` in `text`, if any. */
  #userDefinedAt(text: string, at: number): string | undefined {
    const list = this.#userDefined.size > 0 ? this.#userDefined.get(text.charCodeAt(at)) : undefined;
    if (list !== undefined) for (const u of list) if (text.startsWith(u, at)) return u;
    return undefined;
  }

  #required(id: number | undefined, option: string): number {
    if (id === undefined)
      throw new InvalidArgumentError(`options.${option}`, `${this.name} has no ${option === "bos" ? "beginning" : "end"}-of-sequence piece`);
    return id;
  }

  /** Same ids as #encodeNormalized on the whole text, one cached word at a time. */
  #encodeWords(text: string, emit: (id: number) => void): void {
    const cache = this.#cache;
    const words: number[] = [];
    let from = 0;
    while (from < text.length) {
      let to = from;
      while (to < text.length && text.charCodeAt(to) === 0x2581) to++;
      while (to < text.length && text.charCodeAt(to) !== 0x2581) to++;
      const word = text.slice(from, to);
      const cached = cache.get(word);
      if (cached !== undefined) {
        if (typeof cached === "number") emit(cached);
        else for (const id of cached) emit(id);
      } else {
        words.length = 0;
        this.#encodeNormalized(word, (id) => words.push(id));
        cache.set(word, words.length === 1 ? words[0] : words.slice());
        for (const id of words) emit(id);
      }
      from = to;
    }
  }

  /**
   * Normalized text → ids. Calls emit(id, from, to, byte) per id, with [from, to) its range in `text`
   * and `byte` the byte index inside that range for byte-fallback pieces, else -1.
   */
  #encodeNormalized(text: string, emit: (id: number, from: number, to: number, byte: number) => void): void {
    let unknownFrom = -1; // a pending run of unknown stretches [unknownFrom, unknownTo)
    let unknownTo = -1;
    const flushUnknown = (): void => {
      if (unknownFrom < 0) return;
      if (this.unkId === undefined)
        throw new InvalidArgumentError("text", `${JSON.stringify(text.slice(unknownFrom, unknownTo))} is not in the vocabulary, which has neither byte fallback nor <unk>`);
      emit(this.unkId, unknownFrom, unknownTo, -1);
      unknownFrom = -1;
    };
    const sink: PieceSink = (id, from, to) => {
      if (id !== UNKNOWN) {
        flushUnknown();
        emit(id, from, to, -1);
        return;
      }
      const byteIds = this.#byteFallbackIds(text.slice(from, to));
      if (byteIds !== null) {
        flushUnknown();
        byteIds.forEach((b, k) => emit(b, from, to, k));
      } else if (unknownFrom >= 0 && unknownTo === from) unknownTo = to;
      else {
        flushUnknown();
        unknownFrom = from;
        unknownTo = to;
      }
    };
    if (this.#unigram !== null) unigramSegment(text, this.#unigram, sink);
    else this.#bpe?.segment(text, sink);
    flushUnknown();
  }

  /** The <0xNN> ids of a stretch's UTF-8 bytes when byte_fallback is on and all exist, else null. */
  #byteFallbackIds(stretch: string): number[] | null {
    if (!this.model.trainerSpec.byteFallback) return null;
    const out: number[] = [];
    for (const b of utf8Encode(stretch)) {
      if (this.#byteIds[b] < 0) return null;
      out.push(this.#byteIds[b]);
    }
    return out;
  }

  encodeWithOffsets(text: string, options?: EncodeOptions): TokenSpan[] {
    const spans: TokenSpan[] = [];
    const unitByte = utf16ToUtf8Offsets(text);
    const edge = (id: number, unit: number): void => {
      spans.push({ id, piece: this.#pieces[id], start: unit, end: unit, byteStart: unitByte[unit], byteEnd: unitByte[unit] });
    };
    if (options?.bos === true) edge(this.#required(this.bosId, "bos"), 0);
    for (const segment of this.#splitter.split(text, options)) {
      const base = segment.start;
      if (segment.id !== undefined) {
        const end = base + segment.text.length;
        spans.push({ id: segment.id, piece: this.#pieces[segment.id], start: base, end, byteStart: unitByte[base], byteEnd: unitByte[end] });
        continue;
      }
      // Ranges in the normalized text map back through its origin table; the dummy prefix maps to the
      // character after it, so a token of it alone is empty.
      const norm: NormalizedText = this.#normalize(segment.text);
      this.#encodeNormalized(norm.text, (id, from, to, byte) => {
        const start = base + norm.origin[from];
        const end = base + norm.origin[to];
        const byteStart = byte < 0 ? unitByte[start] : Math.min(unitByte[start] + byte, unitByte[end]);
        const lastByte = byte < 0 || byteStart + 1 >= unitByte[end];
        spans.push({ id, piece: this.#pieces[id], start, end, byteStart, byteEnd: lastByte ? unitByte[end] : byteStart + 1 });
      });
    }
    if (options?.eos === true) edge(this.#required(this.eosId, "eos"), text.length);
    return spans;
  }

  // ─── decoding ─────────────────────────────────────────────────────────────────────────────────

  #table(): Uint8Array[] {
    if (this.#decodeBytes !== undefined) return this.#decodeBytes;
    const unkSurface = utf8Encode(this.model.trainerSpec.unkSurface);
    const table = this.#pieces.map((piece, id): Uint8Array => {
      switch (this.#kind[id]) {
        case Kind.Control:
          return utf8Encode(piece);
        case Kind.Unknown:
          return unkSurface;
        case Kind.Byte:
          return Uint8Array.of(parseInt(piece.slice(3, 5), 16));
        default:
          return utf8Encode(piece.replaceAll(SPACE_SYMBOL, " "));
      }
    });
    this.#decodeBytes = table;
    return table;
  }

  /** The bytes of `id`; `first` says whether this piece's leading "▁" is the dummy prefix (dropped). */
  #tokenBytes(id: number, index: number, first: boolean, skipSpecial: boolean): Uint8Array {
    if (!(Number.isInteger(id) && id >= 0 && id < this.vocabSize)) throw new InvalidTokenIdError(id, index, this.vocabSize);
    const kind = this.#kind[id];
    const bytes = this.#table()[id];
    if (skipSpecial && (kind === Kind.Control || kind === Kind.Unknown)) return bytes.subarray(0, 0);
    if (first && kind === Kind.Ordinary && this.#stripsDummyPrefix() && this.#pieces[id].startsWith(SPACE_SYMBOL))
      return bytes.subarray(this.#rules.escapeWhitespaces ? 1 : 0);
    return bytes;
  }

  #stripsDummyPrefix(): boolean {
    return this.#rules.addDummyPrefix || this.#rules.removeExtraWhitespaces;
  }

  /**
   * Whether the piece after `id` (which decoded to `part`) still starts the text: control pieces do
   * not count; with remove_extra_whitespaces the library keeps stripping while the text is empty.
   */
  #stillFirst(first: boolean, id: number, part: Uint8Array): boolean {
    if (this.#kind[id] === Kind.Control) return first;
    return first && this.#rules.removeExtraWhitespaces && part.length === 0;
  }

  decode(ids: ArrayLike<number>, options?: DecodeOptions): string {
    return decodeUtf8(this.decodeBytes(ids, options));
  }

  decodeBytes(ids: ArrayLike<number>, options?: DecodeOptions): Uint8Array {
    const skipSpecial = options?.skipSpecial === true;
    const parts: Uint8Array[] = [];
    let total = 0;
    let first = true;
    for (let i = 0; i < ids.length; i++) {
      const part = this.#tokenBytes(ids[i], i, first, skipSpecial);
      first = this.#stillFirst(first, ids[i], part);
      parts.push(part);
      total += part.length;
    }
    const out = new Uint8Array(total);
    let o = 0;
    for (const part of parts) {
      out.set(part, o);
      o += part.length;
    }
    return out;
  }

  streamDecoder(options?: DecodeOptions): StreamDecoder {
    const utf8 = new Utf8StreamDecoder();
    const skipSpecial = options?.skipSpecial === true;
    let first = true;
    let index = 0;
    return {
      push: (id: number): string => {
        const bytes = this.#tokenBytes(id, index++, first, skipSpecial);
        first = this.#stillFirst(first, id, bytes);
        return bytes.length === 0 ? "" : utf8.push(bytes);
      },
      flush: (): string => {
        first = true;
        index = 0;
        return utf8.flush();
      },
    };
  }

  // ─── vocabulary ───────────────────────────────────────────────────────────────────────────────

  idToPiece(id: number): string {
    if (!(Number.isInteger(id) && id >= 0 && id < this.vocabSize)) throw new InvalidTokenIdError(id, -1, this.vocabSize);
    return this.#pieces[id];
  }

  pieceToId(piece: string): number | undefined {
    return this.#pieceIds.get(piece);
  }

  /** The score of an id (higher merges first). */
  score(id: number): number {
    if (!(Number.isInteger(id) && id >= 0 && id < this.vocabSize)) throw new InvalidTokenIdError(id, -1, this.vocabSize);
    return -this.#rank[id];
  }
}

/**
 * True when no mergeable piece has a "▁" after another character: then no merge joins a word to the
 * "▁" that starts the next one, and words merge (and are cached) one at a time with exactly the ids of
 * the whole-text merge. Holds for Llama 2 (its "▁▁…" pieces are whitespace only).
 */
function wordsAreIndependent(pieces: Iterable<string>): boolean {
  for (const p of pieces) if (/[^\u2581]\u2581/u.test(p)) return false;
  return true;
}

function kindOf(type: PieceType): Kind {
  return type === "control" ? Kind.Control : type === "unknown" ? Kind.Unknown : type === "byte" ? Kind.Byte : Kind.Ordinary;
}
