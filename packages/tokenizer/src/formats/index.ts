export {
  loadLlama2cTokenizer,
  Llama2cTokenizer,
  readLlama2cVocabulary,
  type Llama2cTokenizerOptions,
  type Llama2cVocabulary,
  type ReadLlama2cOptions,
  type LoadLlama2cOptions,
} from "../llama2c/index.js";
export { SpecialTokenSplitter, type TextSegment } from "./special-segments.js";
