// Tokenizer files the user drops (or that come with a model): any format @wasmformer/tokenizer reads —
// llama2.c tokenizer.bin, SentencePiece .model, Hugging Face tokenizer.json, BERT vocab.txt, tiktoken
// ranks — recognised by content (the name breaks ties).

import { type Tokenizer, loadTokenizer } from "@wasmformer/tokenizer";

export function loadTokenizerFile(name: string, bytes: Uint8Array): Tokenizer {
  return loadTokenizer(bytes, { filename: name });
}
