// Reader for llama2.c's tokenizer.bin (written by llama2.c's tokenizer.py `export`):
//
//   int32 max_token_length
//   vocab_size × { float32 score, int32 byte_length, byte_length bytes (UTF-8, "▁" already replaced by " ") }
//
// All little-endian. The file does not store vocab_size (run.c takes it from the checkpoint): pass it
// when you have it, otherwise the records are read up to the end of the file. Every length is checked
// against the bytes that remain before anything is sliced or allocated, so a hostile file fails with a
// TokenizerFileError naming the offset and field, never with a huge allocation.

import { bytesToBinary } from "../bytelevel/utf8.js";
import { InvalidArgumentError, TokenizerFileError } from "../errors.js";

/** The raw contents of a tokenizer.bin. */
export interface Llama2cVocabulary {
  /** The header's max_token_length (every piece is at most this many bytes). */
  maxTokenLength: number;
  /** Each id's piece as a binary string (one char per UTF-8 byte), exactly as stored. */
  pieces: string[];
  /** Each id's float32 merge score (higher merges first). */
  scores: Float32Array;
}

export interface ReadLlama2cOptions {
  /** Number of records to read (the checkpoint's vocab_size). Default: read to the end of the file. */
  vocabSize?: number;
  /** File name used in error messages. Default "tokenizer.bin". */
  file?: string;
}

/** Smallest record: float32 score + int32 length + zero bytes. */
const MIN_RECORD_BYTES = 8;
const HEADER_BYTES = 4;

/** Parses a llama2.c tokenizer.bin. Throws TokenizerFileError (file, offset, field) on malformed input. */
export function readLlama2cVocabulary(bytes: Uint8Array, options: ReadLlama2cOptions = {}): Llama2cVocabulary {
  const file = options.file ?? "tokenizer.bin";
  const fail = (problem: string, offset: number, field: string): never => {
    throw new TokenizerFileError(problem, { file, offset, field });
  };
  if (!(bytes instanceof Uint8Array)) throw new InvalidArgumentError("bytes", "expected a Uint8Array with the contents of tokenizer.bin");
  const { vocabSize } = options;
  if (vocabSize !== undefined && !(Number.isInteger(vocabSize) && vocabSize > 0 && vocabSize <= 0x7fffffff))
    throw new InvalidArgumentError("options.vocabSize", `expected a positive 32-bit integer, got ${String(vocabSize)}`);

  if (bytes.length < HEADER_BYTES)
    fail(`the file is ${bytes.length} bytes long, too short for the 4-byte max_token_length header`, 0, "max_token_length");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const maxTokenLength = view.getInt32(0, true);
  if (maxTokenLength < 0) fail(`max_token_length is ${maxTokenLength}, expected a non-negative integer`, 0, "max_token_length");

  const available = bytes.length - HEADER_BYTES;
  if (vocabSize !== undefined && vocabSize > available / MIN_RECORD_BYTES)
    fail(
      `a vocabulary of ${vocabSize} tokens needs at least ${vocabSize * MIN_RECORD_BYTES} bytes of records, ` +
        `the file has ${available} after the header`,
      HEADER_BYTES,
      "vocab_size",
    );

  const pieces: string[] = [];
  const scoreList: number[] = [];
  let offset = HEADER_BYTES;
  for (let id = 0; vocabSize === undefined ? offset < bytes.length : id < vocabSize; id++) {
    if (offset + MIN_RECORD_BYTES > bytes.length)
      fail(
        `the file ends inside token ${id}'s record (needs 8 bytes for score and length, ${bytes.length - offset} remain)`,
        offset,
        `tokens[${id}]`,
      );
    const score = view.getFloat32(offset, true);
    const length = view.getInt32(offset + 4, true);
    if (length < 0) fail(`token ${id} has a negative byte length ${length}`, offset + 4, `tokens[${id}].length`);
    if (length > maxTokenLength)
      fail(`token ${id} is ${length} bytes long, more than max_token_length ${maxTokenLength}`, offset + 4, `tokens[${id}].length`);
    const start = offset + MIN_RECORD_BYTES;
    if (length > bytes.length - start)
      fail(`token ${id} claims ${length} bytes but only ${bytes.length - start} remain in the file`, offset + 4, `tokens[${id}].length`);
    pieces.push(bytesToBinary(bytes.subarray(start, start + length)));
    scoreList.push(score);
    offset = start + length;
  }
  if (pieces.length === 0) fail("the file holds no tokens", HEADER_BYTES, "tokens");
  return { maxTokenLength, pieces, scores: Float32Array.from(scoreList) };
}
