// A Hugging Face tokenizer.json pipeline: added tokens → normalizer → pre-tokenizer → model →
// post-processor for encoding; tokens → decoder for decoding. Each stage is one class per JSON
// "type" (normalizers.ts, pre-tokenizers.ts, models/, post-processors.ts, decoders.ts).

import { InvalidArgumentError, InvalidTokenIdError } from "../errors.js";
import { utf16ToUtf8Offsets, utf8Encode } from "../formats/utf8.js";
import { decodeUtf8 } from "../stream/utf8-stream.js";
import type { DecodeOptions, EncodeOptions, StreamDecoder, TokenSpan, Tokenizer } from "../types.js";
import { type AddedToken, AddedVocabulary, assignAddedTokenIds, readAddedTokens } from "./added-tokens.js";
import { AlignedString } from "./aligned.js";
import { ByteLevelDecoder, type Decoder, SequenceDecoder, buildDecoder, byteLevelBytes } from "./decoders.js";
import { JsonNode } from "./json.js";
import { type Model, buildModel } from "./models/index.js";
import { type Normalizer, buildNormalizer } from "./normalizers.js";
import { type PostProcessor, buildPostProcessor } from "./post-processors.js";
import { type PreTokenizer, buildPreTokenizer } from "./pre-tokenizers.js";

export interface HuggingFaceTokenizerOptions {
  /** Human name. Default "tokenizer.json". */
  name?: string;
  /** File name for error messages. */
  file?: string;
  /** Token used for bosId / `bos: true` (default: the post-processor's first special token, else <s>, <|begin_of_text|>, [CLS], …). */
  bosToken?: string;
  /** Token used for eosId / `eos: true` (default: </s>, <|end_of_text|>, <|endoftext|>, [SEP], …). */
  eosToken?: string;
  /** Token reported as padId (default: <pad>, [PAD], <|pad|>, … when present). */
  padToken?: string;
}

const BOS_NAMES = ["<s>", "<|begin_of_text|>", "<|startoftext|>", "<bos>", "[CLS]"];
const EOS_NAMES = ["</s>", "<|end_of_text|>", "<|endoftext|>", "<eos>", "[SEP]"];
const PAD_NAMES = ["<pad>", "[PAD]", "<|pad|>", "<|finetune_right_pad_id|>"];

export class HuggingFaceTokenizer implements Tokenizer {
  readonly name: string;
  readonly vocabSize: number;
  readonly bosId: number | undefined;
  readonly eosId: number | undefined;
  readonly padId: number | undefined;
  readonly unkId: number | undefined;
  readonly specialTokens: ReadonlyMap<string, number>;

  readonly normalizer: Normalizer | null;
  readonly preTokenizer: PreTokenizer | null;
  readonly model: Model;
  readonly postProcessor: PostProcessor;
  readonly decoder: Decoder | null;
  readonly addedTokens: readonly AddedToken[];

  readonly #added: AddedVocabulary;
  readonly #addedById = new Map<number, AddedToken>();
  readonly #addedByContent = new Map<string, number>();

  /** `json`: the parsed tokenizer.json. */
  constructor(json: unknown, options: HuggingFaceTokenizerOptions = {}) {
    const file = options.file ?? "tokenizer.json";
    const root = new JsonNode(json as JsonNode["value"], "", file);
    root.get("model"); // fails early with a clear message if the root is not an object
    this.name = options.name ?? "tokenizer.json";
    this.normalizer = buildNormalizer(root.get("normalizer"));
    this.preTokenizer = buildPreTokenizer(root.get("pre_tokenizer"));
    this.model = buildModel(root.get("model"));
    this.decoder = buildDecoder(root.get("decoder"));
    this.postProcessor = buildPostProcessor(root.get("post_processor"));
    const vocabulary = this.model;
    this.addedTokens = assignAddedTokenIds(readAddedTokens(root.get("added_tokens")), (t) => vocabulary.tokenToId(t), vocabulary.entries);
    for (const t of this.addedTokens) {
      this.#addedById.set(t.id, t);
      this.#addedByContent.set(t.content, t.id);
    }
    this.#added = new AddedVocabulary(this.addedTokens);
    this.vocabSize = Math.max(this.model.size, ...this.addedTokens.map((t) => t.id + 1));
    this.specialTokens = new Map(this.addedTokens.filter((t) => t.special).map((t) => [t.content, t.id]));

    const named = (option: string, given: string | undefined, names: readonly string[], fallback?: number): number | undefined => {
      if (given !== undefined) {
        const id = this.pieceToId(given);
        if (id === undefined) throw new InvalidArgumentError(option, `${JSON.stringify(given)} is not a token of ${this.name}`);
        return id;
      }
      if (fallback !== undefined) return fallback;
      for (const n of names) {
        const id = this.#addedByContent.get(n);
        if (id !== undefined) return id;
      }
      return undefined;
    };
    this.bosId = named("bosToken", options.bosToken, BOS_NAMES, this.postProcessor.prefix[0]);
    this.eosId = named("eosToken", options.eosToken, EOS_NAMES);
    this.padId = named("padToken", options.padToken, PAD_NAMES);
    const model = root.get("model");
    const unk = model.get("unk_token").optionalString();
    const unkId = model.get("unk_id");
    this.unkId = unk !== undefined ? this.pieceToId(unk) : !unkId.isNull && typeof unkId.value === "number" ? unkId.value : undefined;
  }

  // ─── encoding ─────────────────────────────────────────────────────────────────────────────────

  encode(text: string, options?: EncodeOptions): number[] {
    const ids: number[] = [];
    this.#encode(text, options, ids, null);
    return ids;
  }

  count(text: string, options?: EncodeOptions): number {
    return this.encode(text, options).length;
  }

  isWithinTokenLimit(text: string, limit: number, options?: EncodeOptions): number | false {
    if (!(limit >= 0)) throw new InvalidArgumentError("limit", `expected a non-negative number, got ${limit}`);
    const n = this.count(text, options);
    return n <= limit ? n : false;
  }

  /**
   * Offsets in UTF-16 units and UTF-8 bytes. Tokens that split a character (byte-level pieces, <0xNN>
   * fallback) each cover the whole character in UTF-16 terms; their byte ranges are exact, taken in
   * order from the bytes each token stands for.
   */
  encodeWithOffsets(text: string, options?: EncodeOptions): TokenSpan[] {
    const ids: number[] = [];
    const ranges: number[] = [];
    this.#encode(text, options, ids, ranges);
    const byteAt = utf16ToUtf8Offsets(text);
    const spans: TokenSpan[] = [];
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k];
      const start = ranges[2 * k];
      const end = ranges[2 * k + 1];
      const previous = spans[k - 1];
      // Starts inside a character the previous token began: continue where that one stopped.
      const byteStart = previous !== undefined && previous.end > start && previous.byteEnd > byteAt[start] ? previous.byteEnd : byteAt[start];
      const sharesEnd = k + 1 < ids.length && ranges[2 * k + 2] < end;
      const covered = sharesEnd ? this.#inputBytes(id) : undefined;
      const byteEnd = covered === undefined ? byteAt[end] : Math.min(byteStart + covered, byteAt[end]);
      spans.push({ id, piece: this.idToPiece(id), start, end, byteStart, byteEnd });
    }
    return spans;
  }

  /** How many input bytes a token stands for when that is fixed: <0xNN> pieces and byte-level pieces. */
  #inputBytes(id: number): number | undefined {
    const piece = this.idToPiece(id);
    if (/^<0x[0-9A-Fa-f]{2}>$/.test(piece)) return 1;
    if (this.decoder instanceof ByteLevelDecoder || (this.decoder instanceof SequenceDecoder && this.decoder.decoders.some((d) => d instanceof ByteLevelDecoder)))
      return byteLevelBytes([piece]).length;
    return undefined;
  }


  /** The pipeline. `ranges` (if given) receives each id's [start, end) in the input. */
  #encode(text: string, options: EncodeOptions | undefined, ids: number[], ranges: number[] | null): void {
    const special = options?.bos !== false;
    const fixed = (list: readonly number[], at: number): void => {
      for (const id of list) {
        ids.push(id);
        ranges?.push(at, at);
      }
    };
    if (special) fixed(this.postProcessor.prefix, 0);
    if (options?.bos === true && this.postProcessor.prefix.length === 0) fixed([this.#required(this.bosId, "bos")], 0);
    for (const piece of this.#added.rawMatcher(text, options).split(text)) {
      if (piece.id !== undefined) {
        ids.push(piece.id);
        ranges?.push(piece.start, piece.end);
        continue;
      }
      const pieceText = piece.start === 0 && piece.end === text.length ? text : text.slice(piece.start, piece.end);
      let s = AlignedString.of(pieceText, piece.start, ranges !== null);
      if (this.normalizer !== null) s = this.normalizer.normalize(s);
      for (const part of this.#added.normalizedMatcher.split(s.text)) {
        const sub = s.slice(part.start, part.end);
        if (sub.length === 0) continue;
        if (part.id !== undefined) {
          ids.push(part.id);
          ranges?.push(...sub.range(0, sub.length));
          continue;
        }
        // Without offsets, a pre-tokenizer that can hand over plain texts skips the aligned strings.
        if (ranges === null && this.preTokenizer?.eachPiece?.(sub.text, (t) => this.model.tokenize(t, ids, null))) continue;
        const splits = this.preTokenizer === null ? [sub] : this.preTokenizer.preTokenize([sub]);
        for (const split of splits) {
          if (split.length === 0) continue;
          if (ranges === null) {
            this.model.tokenize(split.text, ids, null);
            continue;
          }
          const local: number[] = [];
          this.model.tokenize(split.text, ids, local);
          for (let k = 0; k < local.length; k += 2) ranges.push(...split.range(local[k], local[k + 1]));
        }
      }
    }
    if (special) fixed(this.postProcessor.suffix, text.length);
    if (options?.eos === true && ids[ids.length - 1] !== this.eosId) fixed([this.#required(this.eosId, "eos")], text.length);
  }

  #required(id: number | undefined, option: string): number {
    if (id === undefined)
      throw new InvalidArgumentError(`options.${option}`, `${this.name} has no ${option === "bos" ? "beginning" : "end"}-of-sequence token`);
    return id;
  }

  // ─── decoding ─────────────────────────────────────────────────────────────────────────────────

  #tokens(ids: ArrayLike<number>, skipSpecial: boolean): string[] {
    const tokens: string[] = [];
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      const added = this.#addedById.get(id);
      if (added !== undefined) {
        if (!(skipSpecial && added.special)) tokens.push(added.content);
        continue;
      }
      const token = Number.isInteger(id) ? this.model.idToToken(id) : undefined;
      if (token === undefined) throw new InvalidTokenIdError(id, i, this.vocabSize);
      tokens.push(token);
    }
    return tokens;
  }

  decode(ids: ArrayLike<number>, options?: DecodeOptions): string {
    const tokens = this.#tokens(ids, options?.skipSpecial === true);
    return this.decoder === null ? tokens.join(" ") : this.decoder.decodeChain(tokens).join("");
  }

  /** Exact bytes for byte-level decoders; otherwise the UTF-8 of decode(). */
  decodeBytes(ids: ArrayLike<number>, options?: DecodeOptions): Uint8Array {
    if (this.decoder instanceof ByteLevelDecoder) return byteLevelBytes(this.#tokens(ids, options?.skipSpecial === true));
    return utf8Encode(this.decode(ids, options));
  }

  /**
   * Streaming decode as Hugging Face's DecodeStream: each push decodes the ids since the last
   * emitted text (with one token of context) and returns the new text once it does not end in an
   * unfinished character (U+FFFD); flush() returns what is left.
   */
  streamDecoder(options?: DecodeOptions): StreamDecoder {
    let ids: number[] = [];
    let prefix = "";
    let prefixIndex = 0;
    let index = 0;
    return {
      push: (id: number): string => {
        if (!this.#isId(id)) throw new InvalidTokenIdError(id, index, this.vocabSize);
        index++;
        ids.push(id);
        const text = this.decode(ids, options);
        if (text.length > prefix.length && !text.endsWith("\ufffd") && text.startsWith(prefix)) {
          const delta = text.slice(prefix.length);
          const newPrefixIndex = ids.length - prefixIndex;
          ids = ids.slice(prefixIndex);
          prefix = this.decode(ids, options);
          prefixIndex = newPrefixIndex;
          return delta;
        }
        return "";
      },
      flush: (): string => {
        const text = this.decode(ids, options);
        const delta = text.startsWith(prefix) ? text.slice(prefix.length) : text;
        ids = [];
        prefix = "";
        prefixIndex = 0;
        index = 0;
        return delta;
      },
    };
  }

  #isId(id: number): boolean {
    return this.#addedById.has(id) || (Number.isInteger(id) && this.model.idToToken(id) !== undefined);
  }

  // ─── vocabulary ───────────────────────────────────────────────────────────────────────────────

  idToPiece(id: number): string {
    const added = this.#addedById.get(id);
    if (added !== undefined) return added.content;
    const token = Number.isInteger(id) ? this.model.idToToken(id) : undefined;
    if (token === undefined) throw new InvalidTokenIdError(id, -1, this.vocabSize);
    return token;
  }

  pieceToId(piece: string): number | undefined {
    return this.#addedByContent.get(piece) ?? this.model.tokenToId(piece);
  }
}

/** Parses tokenizer.json text or bytes; invalid JSON is a TokenizerFileError naming the file. */
export function readJson(source: string | Uint8Array, file: string): unknown {
  const decoded = typeof source === "string" ? source : decodeUtf8(source);
  const text = decoded.charCodeAt(0) === 0xfeff ? decoded.slice(1) : decoded; // a byte-order mark is not JSON
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    return new JsonNode(null, "", file).fail(`not valid JSON: ${(error as Error).message}`);
  }
}
