import { R50K_PATTERN } from "../pretokenize/patterns.js";
import type { TiktokenTokenizer } from "../tiktoken/tokenizer.js";
import { type AsyncRankSource, type RankSource, createEncoding, loadEncoding } from "./load.js";
import type { TiktokenEncodingSpec } from "./spec.js";

/** Codex / text-davinci-002/003 encoding. */
export const p50k_base: TiktokenEncodingSpec = {
  name: "p50k_base",
  pattern: R50K_PATTERN,
  specialTokens: { "<|endoftext|>": 50256 },
  vocabSize: 50281,
  dataName: "p50k_base",
};

/** p50k_base from rank data in memory (see RankSource). */
export function p50kBase(source: RankSource): TiktokenTokenizer {
  return createEncoding(p50k_base, source);
}

/** p50k_base, fetching the rank data or importing it from the installed js-tiktoken / tiktoken package. */
export function loadP50kBase(source?: AsyncRankSource): Promise<TiktokenTokenizer> {
  return loadEncoding(p50k_base, source);
}
