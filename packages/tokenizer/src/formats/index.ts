export {
  loadLlama2cTokenizer,
  Llama2cTokenizer,
  readLlama2cVocabulary,
  type Llama2cTokenizerOptions,
  type Llama2cVocabulary,
  type ReadLlama2cOptions,
  type LoadLlama2cOptions,
} from "../llama2c/index.js";
export { UnsupportedFormatError } from "./unsupported.js";
export {
  loadSentencePieceTokenizer,
  SentencePieceTokenizer,
  SentencePieceTokenizer as SentencePieceBpeTokenizer,
  readSentencePieceModel,
  type SentencePieceTokenizerOptions,
  type SentencePieceModel,
  type SentencePiecePiece,
  type SentencePieceTrainerSpec,
  type SentencePieceNormalizerSpec,
  type SentencePieceModelType,
  type PieceType,
} from "../sentencepiece/index.js";
export {
  loadHuggingFaceTokenizer,
  HuggingFaceTokenizer,
  BpeModel,
  WordPieceModel,
  UnigramModel,
  type HuggingFaceTokenizerOptions,
  type AddedToken,
  type Model as HuggingFaceModel,
  type BpeOptions,
  type WordPieceOptions,
} from "../huggingface/index.js";
export { loadWordPieceTokenizer, readVocabTxt, type WordPieceVocabOptions } from "../wordpiece/index.js";
export { loadTokenizer, detectTokenizerFormat, type LoadTokenizerOptions, type TokenizerFormat } from "./load-tokenizer.js";
