import { O200K_PATTERN } from "../pretokenize/patterns.js";
import type { TiktokenTokenizer } from "../tiktoken/tokenizer.js";
import { type AsyncRankSource, type RankSource, createEncoding, loadEncoding } from "./load.js";
import type { TiktokenEncodingSpec } from "./spec.js";

/** GPT-4o / o1 / o3 encoding. */
export const o200k_base: TiktokenEncodingSpec = {
  name: "o200k_base",
  pattern: O200K_PATTERN,
  specialTokens: { "<|endoftext|>": 199999, "<|endofprompt|>": 200018 },
  vocabSize: 200019,
  dataName: "o200k_base",
};

/** o200k_base from rank data in memory (see RankSource). */
export function o200kBase(source: RankSource): TiktokenTokenizer {
  return createEncoding(o200k_base, source);
}

/** o200k_base, fetching the rank data or importing it from the installed js-tiktoken / tiktoken package. */
export function loadO200kBase(source?: AsyncRankSource): Promise<TiktokenTokenizer> {
  return loadEncoding(o200k_base, source);
}
