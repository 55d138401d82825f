import { readSentencePieceModel } from "./model-proto.js";
import { SentencePieceTokenizer, type SentencePieceTokenizerOptions } from "./tokenizer.js";

export { SentencePieceTokenizer, type SentencePieceTokenizerOptions } from "./tokenizer.js";
export {
  readSentencePieceModel,
  type SentencePieceModel,
  type SentencePiecePiece,
  type SentencePieceTrainerSpec,
  type SentencePieceNormalizerSpec,
  type SentencePieceModelType,
  type PieceType,
} from "./model-proto.js";

/**
 * Loads a SentencePiece `.model` file: BPE or unigram models with identity normalization (Llama 2, Mistral, Gemma…).
 * Encodes like the C++ library: no BOS/EOS unless asked (`{ bos: true }`).
 */
export function loadSentencePieceTokenizer(bytes: Uint8Array, options: SentencePieceTokenizerOptions = {}): SentencePieceTokenizer {
  return new SentencePieceTokenizer(readSentencePieceModel(bytes, { file: options.file }), options);
}
