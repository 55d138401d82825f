// One entry point for every file format: `loadTokenizer(bytes, { filename })` recognises
// tokenizer.json, SentencePiece .model, llama2.c tokenizer.bin, BERT vocab.txt and tiktoken rank files
// by their content (the file name breaks ties) and returns the matching Tokenizer.

import { TIKTOKEN_ENCODINGS, type TiktokenEncodingName, createEncoding } from "../encodings/index.js";
import { InvalidArgumentError } from "../errors.js";
import { loadHuggingFaceTokenizer } from "../huggingface/index.js";
import { loadLlama2cTokenizer } from "../llama2c/index.js";
import { loadSentencePieceTokenizer } from "../sentencepiece/index.js";
import { loadTiktokenRanks } from "../tiktoken/ranks.js";
import { TiktokenTokenizer } from "../tiktoken/tokenizer.js";
import type { Tokenizer } from "../types.js";
import { loadWordPieceTokenizer } from "../wordpiece/index.js";
import { UnsupportedFormatError } from "./unsupported.js";

export type TokenizerFormat = "tokenizer.json" | "sentencepiece" | "llama2c" | "wordpiece" | "tiktoken";

export interface LoadTokenizerOptions {
  /** The file's name (or path): used in error messages and to break ties between formats. */
  filename?: string;
  /** Skip detection. */
  format?: TokenizerFormat;
  /** llama2.c: the checkpoint's vocab_size (default: read tokenizer.bin to its end). */
  vocabSize?: number;
  /** tiktoken ranks: which ready encoding they are (default: from the file name, else from the number of ranks). */
  encoding?: TiktokenEncodingName;
  /** tiktoken ranks of a custom vocabulary: the pre-tokenization pattern (tiktoken's pat_str or a RegExp). */
  pattern?: string | RegExp;
}

const FORMATS: readonly TokenizerFormat[] = ["tokenizer.json", "sentencepiece", "llama2c", "wordpiece", "tiktoken"];

/** Loads any supported tokenizer file. Throws UnsupportedFormatError when the format is not recognised. */
export function loadTokenizer(bytes: Uint8Array, options: LoadTokenizerOptions = {}): Tokenizer {
  if (!(bytes instanceof Uint8Array)) throw new InvalidArgumentError("bytes", "expected a Uint8Array with the file's contents");
  const file = options.filename ?? "tokenizer file";
  const name = baseName(file);
  switch (options.format ?? detectTokenizerFormat(bytes, options.filename)) {
    case "tokenizer.json":
      return loadHuggingFaceTokenizer(bytes, { file, name });
    case "sentencepiece":
      return loadSentencePieceTokenizer(bytes, { file, name });
    case "llama2c":
      return loadLlama2cTokenizer(bytes, { file, name, vocabSize: options.vocabSize });
    case "wordpiece":
      return loadWordPieceTokenizer(bytes, { file, name });
    case "tiktoken":
      return loadTiktokenFile(bytes, file, options);
    default:
      throw new InvalidArgumentError("options.format", `expected one of ${FORMATS.join(", ")}`);
  }
}

/**
 * The format of a tokenizer file, from its first bytes; the file name decides only between formats
 * the content cannot tell apart. Throws UnsupportedFormatError naming the file when nothing fits.
 */
export function detectTokenizerFormat(bytes: Uint8Array, filename?: string): TokenizerFormat {
  const name = baseName(filename ?? "").toLowerCase();
  const head = textHead(bytes);
  if (head !== null) {
    if (head.trimStart().startsWith("{")) return "tokenizer.json";
    const lines = head.split("\n").slice(0, 8);
    const rankLines = lines.filter((l) => l.length > 0);
    if (rankLines.length > 0 && rankLines.every((l) => /^[A-Za-z0-9+/]+=*\s\d+\r?$/.test(l)) && !name.endsWith(".txt")) return "tiktoken";
    if (name.endsWith(".tiktoken")) return "tiktoken";
    if (name.endsWith(".txt") || head.includes("[UNK]") || head.includes("[PAD]")) return "wordpiece";
  } else {
    if (looksLikeSentencePiece(bytes) && !name.endsWith(".bin")) return "sentencepiece";
    if (looksLikeLlama2c(bytes)) return "llama2c";
    if (looksLikeSentencePiece(bytes)) return "sentencepiece";
  }
  throw new UnsupportedFormatError(
    "not a recognised tokenizer file: expected a Hugging Face tokenizer.json, a SentencePiece .model, llama2.c's tokenizer.bin, " +
      "a BERT vocab.txt or tiktoken ranks (<base64 token> <rank> lines); pass options.format to choose",
    { file: filename ?? "tokenizer file" },
  );
}

/** The first 4 KiB as text, or null when they are not UTF-8 text (binary formats). */
function textHead(bytes: Uint8Array): string | null {
  const head = bytes.subarray(0, 4096);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(head.subarray(0, lastCharBoundary(head)));
  } catch {
    return null;
  }
  // Control characters other than tab/CR/LF mean binary.
  return /[\u0000-\u0008\u000e-\u001f]/.test(text) ? null : text;
}

function lastCharBoundary(head: Uint8Array): number {
  let end = head.length;
  for (let k = 0; k < 3 && end > 0 && (head[end - 1] & 0xc0) === 0x80; k++) end--;
  if (end > 0 && head[end - 1] >= 0xc0) end--;
  return head.length < 4096 ? head.length : end;
}

/** ModelProto starts with `pieces` (field 1, length-delimited) whose first field is the piece string (0x0a). */
function looksLikeSentencePiece(bytes: Uint8Array): boolean {
  if (bytes.length < 4 || bytes[0] !== 0x0a) return false;
  let i = 1;
  let length = 0;
  for (let shift = 0; i < bytes.length && shift < 35; shift += 7) {
    const b = bytes[i++];
    length += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) break;
  }
  return length > 0 && i + length <= bytes.length && bytes[i] === 0x0a;
}

/** tokenizer.bin: a small max_token_length, then records whose lengths fit it (check the first few). */
function looksLikeLlama2c(bytes: Uint8Array): boolean {
  if (bytes.length < 12) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const max = view.getInt32(0, true);
  if (max < 1 || max > 1 << 16) return false;
  let offset = 4;
  for (let k = 0; k < 8 && offset < bytes.length; k++) {
    if (offset + 8 > bytes.length) return false;
    const score = view.getFloat32(offset, true);
    const length = view.getInt32(offset + 4, true);
    if (!Number.isFinite(score) || length < 0 || length > max || offset + 8 + length > bytes.length) return false;
    offset += 8 + length;
  }
  return true;
}

function loadTiktokenFile(bytes: Uint8Array, file: string, options: LoadTokenizerOptions): Tokenizer {
  const ranks = loadTiktokenRanks(bytes, file);
  const name = baseName(file).toLowerCase();
  const assigned = ranks.size;
  const specs = Object.values(TIKTOKEN_ENCODINGS);
  const spec =
    (options.encoding !== undefined ? TIKTOKEN_ENCODINGS[options.encoding] : undefined) ??
    (options.pattern === undefined ? specs.find((s) => name.includes(s.name)) : undefined) ??
    (options.pattern === undefined ? specs.find((s) => s.vocabSize - Object.keys(s.specialTokens).length === assigned) : undefined);
  if (spec !== undefined) return createEncoding(spec, ranks);
  if (options.pattern === undefined)
    throw new UnsupportedFormatError(
      `${assigned} ranks match none of the ready encodings (${specs.map((s) => s.name).join(", ")}); pass options.pattern (the pre-tokenization regex) or options.encoding`,
      { file },
    );
  return new TiktokenTokenizer({ name: baseName(file), ranks, pattern: options.pattern });
}

function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\")) + 1);
}
