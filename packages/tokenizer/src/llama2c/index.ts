import { type ReadLlama2cOptions, readLlama2cVocabulary } from "./read-tokenizer-bin.js";
import { Llama2cTokenizer, type Llama2cTokenizerOptions } from "./tokenizer.js";

export { Llama2cTokenizer, type Llama2cTokenizerOptions } from "./tokenizer.js";
export { readLlama2cVocabulary, type Llama2cVocabulary, type ReadLlama2cOptions } from "./read-tokenizer-bin.js";

export type LoadLlama2cOptions = ReadLlama2cOptions & Llama2cTokenizerOptions;

/**
 * Loads llama2.c's tokenizer.bin and returns a tokenizer that encodes and decodes exactly like run.c
 * (BOS is added by default, as run.c does for prompts; pass `{ bos: false }` to leave it out).
 * Pass `vocabSize` (the checkpoint's) when you have it; otherwise records are read to the end of the file.
 */
export function loadLlama2cTokenizer(bytes: Uint8Array, options: LoadLlama2cOptions = {}): Llama2cTokenizer {
  return new Llama2cTokenizer(readLlama2cVocabulary(bytes, options), options);
}
