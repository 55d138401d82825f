// Saving a trained byte-level BPE as a Hugging Face `tokenizer.json` — the format the rest of the
// ecosystem reads (Hugging Face tokenizers in Rust/Python/JS, transformers.js), and the one our own
// `loadTokenizer` / `loadHuggingFaceTokenizer` read back. Layout, as Llama 3 / GPT-4o style files:
//   pre_tokenizer: Sequence[ Split(Regex pattern, Isolated), ByteLevel(use_regex: false) ]
//   model: BPE { vocab: byte-level piece → id, merges: ["Ġ t", …] in training order }
//   decoder: ByteLevel;  added_tokens: the special tokens.

import { binaryToPiece } from "../bytelevel/index.js";
import type { TrainedBpe } from "./train-bpe.js";

function pieceOf(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]!);
  return binaryToPiece(binary);
}

/** The trained model as the text of a tokenizer.json file. */
export function trainedBpeToTokenizerJson(trained: TrainedBpe): string {
  const pieces = trained.tokens.map(pieceOf);
  const vocab: Record<string, number> = {};
  pieces.forEach((piece, id) => (vocab[piece] = id));
  const json = {
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: [...trained.specialTokens].map(([content, id]) => ({
      id,
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: null,
    pre_tokenizer: {
      type: "Sequence",
      pretokenizers: [
        { type: "Split", pattern: { Regex: trained.pattern }, behavior: "Isolated", invert: false },
        { type: "ByteLevel", add_prefix_space: false, trim_offsets: true, use_regex: false },
      ],
    },
    post_processor: null,
    decoder: { type: "ByteLevel", add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: {
      type: "BPE",
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: null,
      end_of_word_suffix: null,
      fuse_unk: false,
      byte_fallback: false,
      ignore_merges: false,
      vocab,
      merges: trained.merges.map(([left, right]) => `${pieces[left]} ${pieces[right]}`),
    },
  };
  return JSON.stringify(json, null, 1);
}
