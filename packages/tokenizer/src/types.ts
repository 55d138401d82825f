// The public contract every tokenizer format implements. The model package depends on this
// interface only (encode, decode, special ids, streaming decode), so any tokenizer pairs with any model.

/** What to do when the input text contains the text of a special token. */
export type SpecialTokenPolicy =
  /** Encode the special token's text as its special id. */
  | "allow"
  /** Throw DisallowedSpecialTokenError naming the token and its offset. */
  | "error"
  /** Treat it as ordinary text (tokenize its characters). */
  | "plain";

export interface EncodeOptions {
  /** Policy for special-token text in the input. Default "plain" (never surprises with control ids). */
  special?: SpecialTokenPolicy;
  /** Only these special tokens follow `special`; others are plain text. Default: all. */
  specialTokens?: readonly string[];
  /** Prepend the beginning-of-sequence id (formats that have one). Default: the format's own default. */
  bos?: boolean;
  /** Append the end-of-sequence id. Default false. */
  eos?: boolean;
}

export interface DecodeOptions {
  /** Drop special/control tokens from the text. Default false. */
  skipSpecial?: boolean;
}

/** One token of an encoding, for visualising splits. Offsets index the input JS string (UTF-16). */
export interface TokenSpan {
  id: number;
  /** The vocabulary entry, printable (e.g. "▁the", "Ġworld", "<0x0A>"). */
  piece: string;
  /** [start, end) in UTF-16 code units of the input string. */
  start: number;
  end: number;
  /** [byteStart, byteEnd) in the UTF-8 encoding of the input. */
  byteStart: number;
  byteEnd: number;
}

/** Feeds ids one by one and yields text deltas that never split a UTF-8 character. */
export interface StreamDecoder {
  /** Add one id; returns the text that is now complete (possibly ""). */
  push(id: number): string;
  /** End of stream: returns whatever is pending (incomplete UTF-8 as U+FFFD, as TextDecoder does). */
  flush(): string;
}

export interface Tokenizer {
  /** Human name, e.g. "cl100k_base", "llama2 (sentencepiece)". */
  readonly name: string;
  /** Number of ids (including special tokens). */
  readonly vocabSize: number;
  readonly bosId: number | undefined;
  readonly eosId: number | undefined;
  readonly padId: number | undefined;
  readonly unkId: number | undefined;
  /** Special tokens: text → id. */
  readonly specialTokens: ReadonlyMap<string, number>;

  encode(text: string, options?: EncodeOptions): number[];
  /** Token count of `encode(text, options)`, as fast as possible. */
  count(text: string, options?: EncodeOptions): number;
  /** True when the count is ≤ limit (may stop early); returns the count or false. */
  isWithinTokenLimit(text: string, limit: number, options?: EncodeOptions): number | false;
  /** Per-token pieces and offsets. */
  encodeWithOffsets(text: string, options?: EncodeOptions): TokenSpan[];
  /** Ids → text. Throws TokenizerError (RangeError subclass) naming the index for an id outside the vocabulary. */
  decode(ids: ArrayLike<number>, options?: DecodeOptions): string;
  /** Ids → raw bytes (exact; no UTF-8 repair). */
  decodeBytes(ids: ArrayLike<number>, options?: DecodeOptions): Uint8Array;
  /** A streaming decoder (UTF-8 safe). */
  streamDecoder(options?: DecodeOptions): StreamDecoder;
  /** The printable vocabulary entry of one id. */
  idToPiece(id: number): string;
  /** The id of a vocabulary entry, or undefined. */
  pieceToId(piece: string): number | undefined;
}
