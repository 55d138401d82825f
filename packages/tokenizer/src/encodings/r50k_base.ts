import { R50K_PATTERN } from "../pretokenize/patterns.js";
import type { TiktokenTokenizer } from "../tiktoken/tokenizer.js";
import { type AsyncRankSource, type RankSource, createEncoding, loadEncoding } from "./load.js";
import type { TiktokenEncodingSpec } from "./spec.js";

/** GPT-3 era encoding (same as GPT-2's). */
export const r50k_base: TiktokenEncodingSpec = {
  name: "r50k_base",
  pattern: R50K_PATTERN,
  specialTokens: { "<|endoftext|>": 50256 },
  vocabSize: 50257,
  dataName: "r50k_base",
};

/** r50k_base from rank data in memory (see RankSource). */
export function r50kBase(source: RankSource): TiktokenTokenizer {
  return createEncoding(r50k_base, source);
}

/** r50k_base, fetching the rank data or importing it from the installed js-tiktoken / tiktoken package. */
export function loadR50kBase(source?: AsyncRankSource): Promise<TiktokenTokenizer> {
  return loadEncoding(r50k_base, source);
}
