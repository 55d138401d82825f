// Typed errors. Every error the package throws on bad input is a TokenizerError with a stable `code`,
// and says what was wrong and where (file, line/offset, field, argument, token index).

/** Stable machine-readable error codes. */
export type TokenizerErrorCode =
  /** A vocabulary/rank/model file is malformed (see TokenizerFileError.file/offset/field/line). */
  | "MALFORMED_FILE"
  /** An id outside the vocabulary was passed to decode / idToPiece. */
  | "INVALID_TOKEN_ID"
  /** The text contains a special token and the policy is "error". */
  | "DISALLOWED_SPECIAL_TOKEN"
  /** Rank data for a ready encoding could not be found (no source given, optional package missing). */
  | "MISSING_DATA"
  /** A function argument is out of range or of the wrong kind. */
  | "INVALID_ARGUMENT"
  /** A feature of a file is recognised but not supported. */
  | "UNSUPPORTED";

const BRAND: unique symbol = Symbol.for("@wasmformer/tokenizer.error");

/**
 * Base class of every error this package throws deliberately.
 *
 * `instanceof TokenizerError` is also true for InvalidTokenIdError, which extends RangeError (so code
 * that already catches RangeError for bad indices keeps working): membership is decided by a brand.
 */
export class TokenizerError extends Error {
  readonly code: TokenizerErrorCode;
  readonly [BRAND] = true;

  constructor(code: TokenizerErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    if (this === TokenizerError) return isTokenizerError(value);
    return Function.prototype[Symbol.hasInstance].call(this, value);
  }
}

/** True for every error thrown deliberately by this package (including InvalidTokenIdError). */
export function isTokenizerError(value: unknown): value is TokenizerError | InvalidTokenIdError {
  return typeof value === "object" && value !== null && (value as { [BRAND]?: unknown })[BRAND] === true;
}

/** Where in a file the problem is. All fields optional; the message repeats them in words. */
export interface FileLocation {
  /** File name or a description such as "cl100k_base ranks". */
  file?: string;
  /** Byte offset in the file. */
  offset?: number;
  /** 1-based line number (text formats). */
  line?: number;
  /** Field or record being read, e.g. "rank", "pieces[12].score". */
  field?: string;
}

/** A malformed vocabulary / rank / model file. */
export class TokenizerFileError extends TokenizerError {
  readonly file: string | undefined;
  readonly offset: number | undefined;
  readonly line: number | undefined;
  readonly field: string | undefined;

  constructor(problem: string, where: FileLocation = {}, options?: { cause?: unknown }) {
    super("MALFORMED_FILE", `${describeLocation(where)}${problem}`, options);
    this.file = where.file;
    this.offset = where.offset;
    this.line = where.line;
    this.field = where.field;
  }
}

function describeLocation(where: FileLocation): string {
  const parts: string[] = [];
  if (where.file !== undefined) parts.push(where.file);
  if (where.line !== undefined) parts.push(`line ${where.line}`);
  if (where.offset !== undefined) parts.push(`offset ${where.offset}`);
  if (where.field !== undefined) parts.push(`field ${where.field}`);
  return parts.length > 0 ? `${parts.join(", ")}: ` : "";
}

/** The input text contains a special token while the special-token policy is "error". */
export class DisallowedSpecialTokenError extends TokenizerError {
  /** The special token's text. */
  readonly token: string;
  /** UTF-16 offset of the token in the input string. */
  readonly index: number;

  constructor(token: string, index: number) {
    super(
      "DISALLOWED_SPECIAL_TOKEN",
      `the text contains the special token ${JSON.stringify(token)} at offset ${index}; ` +
        `pass { special: "allow" } to encode it as its id or { special: "plain" } to encode it as text`,
    );
    this.token = token;
    this.index = index;
  }
}

/**
 * An id outside the vocabulary. Extends RangeError (the natural JS error for a bad index) and is also
 * `instanceof TokenizerError`, with code "INVALID_TOKEN_ID".
 */
export class InvalidTokenIdError extends RangeError {
  readonly code = "INVALID_TOKEN_ID" as const;
  readonly [BRAND] = true;
  /** The offending id (as given). */
  readonly id: number;
  /** Its position in the ids passed in (-1 when a single id was passed). */
  readonly index: number;

  constructor(id: number, index: number, vocabSize: number) {
    const where = index >= 0 ? `ids[${index}] = ${String(id)}` : `id ${String(id)}`;
    super(`${where} is not a token id of this vocabulary (expected an integer in [0, ${vocabSize}) that is assigned)`);
    this.name = "InvalidTokenIdError";
    this.id = id;
    this.index = index;
  }
}

/** Rank data for a ready encoding is not available from any source. */
export class MissingDataError extends TokenizerError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("MISSING_DATA", message, options);
  }
}

/** A bad argument (wrong type, out of range). */
export class InvalidArgumentError extends TokenizerError {
  readonly argument: string;
  constructor(argument: string, problem: string) {
    super("INVALID_ARGUMENT", `${argument}: ${problem}`);
    this.argument = argument;
  }
}
