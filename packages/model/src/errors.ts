// Typed errors. Every error this package throws on bad input says what was wrong and where: the
// file, the byte offset, the header or config field, the token index.

/** A checkpoint or config file is malformed, truncated or inconsistent. */
export class ModelFileError extends Error {
  readonly file: string;
  readonly field: string | undefined;
  readonly offset: number | undefined;
  constructor(file: string, problem: string, where: { field?: string; offset?: number } = {}) {
    const at = [where.field !== undefined ? `field ${where.field}` : "", where.offset !== undefined ? `offset ${where.offset}` : ""]
      .filter(Boolean)
      .join(", ");
    super(`${file}: ${at ? `${at}: ` : ""}${problem}`);
    this.name = "ModelFileError";
    this.file = file;
    this.field = where.field;
    this.offset = where.offset;
  }
}

/** A model configuration that cannot describe a working transformer (e.g. heads not dividing dim). */
export class ModelConfigError extends Error {
  readonly field: string;
  constructor(field: string, problem: string) {
    super(`config.${field}: ${problem}`);
    this.name = "ModelConfigError";
    this.field = field;
  }
}

/** A token id outside the vocabulary, or a position past the context window. */
export class ModelInputError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = "ModelInputError";
  }
}
