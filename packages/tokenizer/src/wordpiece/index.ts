// WordPiece tokenizers from a BERT vocab.txt: the BERT pipeline (basic tokenizer = clean control
// characters, pad CJK ideographs, strip accents, lower-case; split on whitespace and punctuation;
// greedy longest-match WordPiece with "##" continuations; [CLS] … [SEP]), built from the same
// components as Hugging Face tokenizer.json files (src/huggingface/).

import { TokenizerFileError } from "../errors.js";
import { HuggingFaceTokenizer } from "../huggingface/tokenizer.js";
import { readVocabTxt } from "./vocab-txt.js";

export { readVocabTxt } from "./vocab-txt.js";

export interface WordPieceVocabOptions {
  /** Lower-case the text (uncased models). Default true. */
  lowercase?: boolean;
  /** Strip accents (default: same as lowercase, as BERT does). */
  stripAccents?: boolean;
  /** Put spaces around CJK ideographs. Default true. */
  handleChineseChars?: boolean;
  /** Default "[UNK]". */
  unkToken?: string;
  /** Default "##". */
  continuingSubwordPrefix?: string;
  /** Longer words become [UNK]. Default 100. */
  maxInputCharsPerWord?: number;
  /** Human name. Default "wordpiece". */
  name?: string;
  /** File name for error messages. Default "vocab.txt". */
  file?: string;
}

const SPECIAL = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"];

/** Loads a BERT vocab.txt as a tokenizer (encode adds [CLS] … [SEP] unless `{ bos: false }`). */
export function loadWordPieceTokenizer(source: string | Uint8Array, options: WordPieceVocabOptions = {}): HuggingFaceTokenizer {
  const file = options.file ?? "vocab.txt";
  const vocab = readVocabTxt(source, file);
  const lowercase = options.lowercase ?? true;
  const unk = options.unkToken ?? "[UNK]";
  if (!vocab.has(unk)) throw new TokenizerFileError(`the vocabulary has no unknown token ${JSON.stringify(unk)} (pass unkToken)`, { file });
  const cls = vocab.get("[CLS]");
  const sep = vocab.get("[SEP]");
  const json = {
    version: "1.0",
    added_tokens: [...new Set([...SPECIAL, unk])]
      .filter((t) => vocab.has(t))
      .map((content) => ({ id: vocab.get(content)!, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true })),
    normalizer: {
      type: "BertNormalizer",
      clean_text: true,
      handle_chinese_chars: options.handleChineseChars ?? true,
      strip_accents: options.stripAccents ?? null,
      lowercase,
    },
    pre_tokenizer: { type: "BertPreTokenizer" },
    post_processor: cls !== undefined && sep !== undefined ? { type: "BertProcessing", sep: ["[SEP]", sep], cls: ["[CLS]", cls] } : null,
    decoder: { type: "WordPiece", prefix: options.continuingSubwordPrefix ?? "##", cleanup: true },
    model: {
      type: "WordPiece",
      unk_token: unk,
      continuing_subword_prefix: options.continuingSubwordPrefix ?? "##",
      max_input_chars_per_word: options.maxInputCharsPerWord ?? 100,
      vocab: Object.fromEntries(vocab),
    },
  };
  return new HuggingFaceTokenizer(json, { name: options.name ?? "wordpiece", file });
}
