import { HuggingFaceTokenizer, type HuggingFaceTokenizerOptions, readJson } from "./tokenizer.js";

export { HuggingFaceTokenizer, type HuggingFaceTokenizerOptions } from "./tokenizer.js";
export type { AddedToken } from "./added-tokens.js";
export { BpeModel, WordPieceModel, UnigramModel, type Model, type BpeOptions, type WordPieceOptions } from "./models/index.js";

/**
 * Loads a Hugging Face tokenizer.json (text, bytes or the parsed object). Encoding adds the
 * post-processor's special tokens (e.g. <s>, [CLS] … [SEP]) unless `{ bos: false }`.
 */
export function loadHuggingFaceTokenizer(
  source: string | Uint8Array | object,
  options: HuggingFaceTokenizerOptions = {},
): HuggingFaceTokenizer {
  const json = typeof source === "string" || source instanceof Uint8Array ? readJson(source, options.file ?? "tokenizer.json") : source;
  return new HuggingFaceTokenizer(json, options);
}
