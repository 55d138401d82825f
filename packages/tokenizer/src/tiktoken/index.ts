export { TiktokenTokenizer, type TiktokenTokenizerOptions } from "./tokenizer.js";
export {
  loadTiktokenRanks,
  loadCompactRanks,
  ranksFromTokens,
  type TiktokenRanks,
  type CompactRanksData,
} from "./ranks.js";
export { ByteVocabulary } from "./byte-vocabulary.js";
export { SpecialTokenMatcher } from "./special-tokens.js";
