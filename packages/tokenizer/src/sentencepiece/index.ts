import { readSentencePieceModel } from "./model-proto.js";
import { SentencePieceBpeTokenizer, type SentencePieceTokenizerOptions } from "./bpe-tokenizer.js";

export { SentencePieceBpeTokenizer, type SentencePieceTokenizerOptions } from "./bpe-tokenizer.js";
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
 * Loads a SentencePiece `.model` file (BPE models with identity normalization, e.g. Llama 2's).
 * Encodes like the C++ library: no BOS/EOS unless asked (`{ bos: true }`).
 */
export function loadSentencePieceTokenizer(bytes: Uint8Array, options: SentencePieceTokenizerOptions = {}): SentencePieceBpeTokenizer {
  return new SentencePieceBpeTokenizer(readSentencePieceModel(bytes, { file: options.file }), options);
}
