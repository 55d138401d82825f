import { CL100K_PATTERN } from "../pretokenize/patterns.js";
import type { TiktokenTokenizer } from "../tiktoken/tokenizer.js";
import { type AsyncRankSource, type RankSource, createEncoding, loadEncoding } from "./load.js";
import type { TiktokenEncodingSpec } from "./spec.js";

/** GPT-3.5 / GPT-4 encoding. */
export const cl100k_base: TiktokenEncodingSpec = {
  name: "cl100k_base",
  pattern: CL100K_PATTERN,
  specialTokens: {
    "<|endoftext|>": 100257,
    "<|fim_prefix|>": 100258,
    "<|fim_middle|>": 100259,
    "<|fim_suffix|>": 100260,
    "<|endofprompt|>": 100276,
  },
  vocabSize: 100277,
  dataName: "cl100k_base",
};

/** cl100k_base from rank data in memory (see RankSource). */
export function cl100kBase(source: RankSource): TiktokenTokenizer {
  return createEncoding(cl100k_base, source);
}

/** cl100k_base, fetching the rank data or importing it from the installed js-tiktoken / tiktoken package. */
export function loadCl100kBase(source?: AsyncRankSource): Promise<TiktokenTokenizer> {
  return loadEncoding(cl100k_base, source);
}
