// Tokenizer files the user drops (or that come with a model), by name and content.

import { loadLlama2cTokenizer, type Tokenizer } from "@wasmformer/tokenizer";

export function loadTokenizerFile(name: string, bytes: Uint8Array): Tokenizer {
  const lower = name.toLowerCase();
  if (lower.endsWith(".bin")) return loadLlama2cTokenizer(bytes, { file: name, name: `${name} (llama2.c)` });
  throw new Error(`cannot read tokenizer file ${name}: expected llama2.c's tokenizer.bin (.bin)`);
}
