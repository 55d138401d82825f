// BERT's vocab.txt: one token per line, the id is the line number (0-based). As Hugging Face's
// WordPiece::read_file does, trailing whitespace (including "\r") is trimmed and a token that appears
// twice keeps its last line.

import { InvalidArgumentError, TokenizerFileError } from "../errors.js";

const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Token → id from the text or bytes of a vocab.txt. */
export function readVocabTxt(source: string | Uint8Array, file = "vocab.txt"): Map<string, number> {
  let text: string;
  if (typeof source === "string") text = source;
  else if (source instanceof Uint8Array) {
    try {
      text = strict.decode(source);
    } catch {
      throw new TokenizerFileError(`not valid UTF-8 (first bad byte at or after offset ${firstInvalidUtf8(source)})`, {
        file,
        offset: firstInvalidUtf8(source),
      });
    }
  } else throw new InvalidArgumentError("source", "expected the text or bytes of a vocab.txt");
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  if (lines.length === 0) throw new TokenizerFileError("the vocabulary is empty", { file, line: 1 });
  const vocab = new Map<string, number>();
  lines.forEach((line, id) => vocab.set(line.trimEnd(), id));
  return vocab;
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    const n = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (n === 0 || i + n > bytes.length) return i;
    try {
      strict.decode(bytes.subarray(i, i + n));
    } catch {
      return i;
    }
    i += n;
  }
  return bytes.length;
}
