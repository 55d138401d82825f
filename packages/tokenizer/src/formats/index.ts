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
export { UnsupportedFormatError } from "./unsupported.js";
export {
  loadSentencePieceTokenizer,
  SentencePieceBpeTokenizer,
  readSentencePieceModel,
  type SentencePieceTokenizerOptions,
  type SentencePieceModel,
  type SentencePiecePiece,
  type SentencePieceTrainerSpec,
  type SentencePieceNormalizerSpec,
  type SentencePieceModelType,
  type PieceType,
} from "../sentencepiece/index.js";
