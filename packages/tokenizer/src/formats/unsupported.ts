import { TokenizerError } from "../errors.js";

/** A file feature that is recognised but not implemented (e.g. a SentencePiece unigram model). */
export class UnsupportedFormatError extends TokenizerError {
  readonly file: string | undefined;
  readonly field: string | undefined;

  constructor(problem: string, where: { file?: string; field?: string } = {}) {
    const prefix = [where.file, where.field === undefined ? undefined : `field ${where.field}`].filter((p) => p !== undefined).join(", ");
    super("UNSUPPORTED", prefix === "" ? problem : `${prefix}: ${problem}`);
    this.file = where.file;
    this.field = where.field;
  }
}
