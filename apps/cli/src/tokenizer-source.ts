// Resolves --tokenizer: a built-in tiktoken encoding name (rank data from the js-tiktoken package,
// imported only for the encoding asked for) or a path to a tokenizer file.
import type { Tokenizer } from "@wasmformer/tokenizer";
import { TIKTOKEN_ENCODINGS, type TiktokenEncodingName, loadEncoding, loadTokenizer } from "@wasmformer/tokenizer";
import { CliError, UsageError } from "./errors.js";
import { readFileOrFail } from "./input.js";

export const DEFAULT_ENCODING: TiktokenEncodingName = "cl100k_base";

interface CompactRanks {
  pat_str: string;
  special_tokens: Record<string, number>;
  bpe_ranks: string;
}

/** Literal specifiers so the dependency on each rank file is visible to bundlers and readers. */
const RANK_DATA: Record<string, () => Promise<{ default: CompactRanks }>> = {
  r50k_base: () => import("js-tiktoken/ranks/r50k_base"),
  p50k_base: () => import("js-tiktoken/ranks/p50k_base"),
  cl100k_base: () => import("js-tiktoken/ranks/cl100k_base"),
  o200k_base: () => import("js-tiktoken/ranks/o200k_base"),
};

export function isBuiltinEncoding(name: string): name is TiktokenEncodingName {
  return Object.hasOwn(TIKTOKEN_ENCODINGS, name);
}

export const BUILTIN_NAMES = Object.keys(TIKTOKEN_ENCODINGS);

export async function loadBuiltinEncoding(name: TiktokenEncodingName): Promise<Tokenizer> {
  const spec = TIKTOKEN_ENCODINGS[name];
  const load = RANK_DATA[spec.dataName];
  if (!load) throw new CliError(`no rank data bundled for ${name}`);
  const data = (await load()).default;
  return loadEncoding(spec, data);
}

/** A tokenizer from --tokenizer (a built-in name or a file path); the default encoding when absent. */
export async function resolveTokenizer(arg: string | undefined, command: string): Promise<Tokenizer> {
  if (arg === undefined) return loadBuiltinEncoding(DEFAULT_ENCODING);
  if (isBuiltinEncoding(arg)) return loadBuiltinEncoding(arg);
  if (!/[\\/.]/.test(arg)) {
    throw new UsageError(`unknown tokenizer "${arg}": give a built-in encoding (${BUILTIN_NAMES.join(", ")}) or a path to a tokenizer file`, command);
  }
  return loadTokenizerFile(arg);
}

/**
 * Any tokenizer file the tokenizer package recognises by content: tokenizer.json, SentencePiece
 * .model, llama2.c tokenizer.bin (vocabSize: the checkpoint's, when known), WordPiece vocab.txt,
 * tiktoken ranks, and the files `wasmformer train` writes.
 */
export function loadTokenizerFile(path: string, vocabSize?: number): Tokenizer {
  const bytes = readFileOrFail(path, "tokenizer");
  if (bytes.length === 0) throw new CliError(`tokenizer ${path} is empty`);
  return loadTokenizer(bytes, { filename: path, vocabSize });
}
