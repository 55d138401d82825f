// Prompt ids as run.c makes them (BOS first, when the tokenizer has one) and token labels that never
// throw, for tokenizers whose vocabulary is smaller than the model's (padded embeddings).
import type { Tokenizer } from "@wasmformer/tokenizer";
import { CliError } from "../errors.js";

/**
 * The prompt with BOS when the tokenizer has one. An empty prompt without BOS starts from EOS (GPT-2's
 * <|endoftext|>), as Hugging Face does for unconditional generation.
 */
export function encodePrompt(tokenizer: Tokenizer, text: string, context: number): number[] {
  const ids = tokenizer.encode(text, tokenizer.bosId !== undefined ? { bos: true } : {});
  if (ids.length === 0 && tokenizer.eosId !== undefined) ids.push(tokenizer.eosId);
  if (ids.length === 0) throw new CliError("the prompt is empty and the tokenizer has no BOS or EOS token to start from: give one with -i TEXT");
  if (ids.length > context) throw new CliError(`the prompt is ${ids.length} tokens, longer than the model's context of ${context}`);
  return ids;
}

/** Model ids the tokenizer has no entry for (a padded vocabulary): vocabSize..modelVocab-1. */
export function idsPastTokenizer(tokenizer: Tokenizer, modelVocab: number): number[] {
  const out: number[] = [];
  for (let id = tokenizer.vocabSize; id < modelVocab; id++) out.push(id);
  return out;
}

/** A token's vocabulary piece (SentencePiece's ▁ shown as a space), or <unused N> past the tokenizer. */
export function tokenLabel(tokenizer: Tokenizer, id: number): string {
  return id < tokenizer.vocabSize ? tokenizer.idToPiece(id).replaceAll("\u2581", " ") : `<unused ${id}>`;
}
