import { R50K_PATTERN } from "../pretokenize/patterns.js";
import type { TiktokenTokenizer } from "../tiktoken/tokenizer.js";
import { type AsyncRankSource, type RankSource, createEncoding, loadEncoding } from "./load.js";
import type { TiktokenEncodingSpec } from "./spec.js";

/** p50k_base with the fill-in-the-middle specials of the edit models. */
export const p50k_edit: TiktokenEncodingSpec = {
  name: "p50k_edit",
  pattern: R50K_PATTERN,
  specialTokens: { "<|endoftext|>": 50256, "<|fim_prefix|>": 50281, "<|fim_middle|>": 50282, "<|fim_suffix|>": 50283 },
  vocabSize: 50284,
  dataName: "p50k_base",
};

/** p50k_edit from rank data in memory (see RankSource). */
export function p50kEdit(source: RankSource): TiktokenTokenizer {
  return createEncoding(p50k_edit, source);
}

/** p50k_edit, fetching the rank data or importing it from the installed js-tiktoken / tiktoken package. */
export function loadP50kEdit(source?: AsyncRankSource): Promise<TiktokenTokenizer> {
  return loadEncoding(p50k_edit, source);
}
