// Tokenizer files the user drops (or that come with a model), by name and content.

import type { Tokenizer } from "@wasmformer/tokenizer";

export function loadTokenizerFile(name: string, _bytes: Uint8Array): Tokenizer {
  throw new Error(`cannot read tokenizer file ${name}: tokenizer file formats are not wired in yet`);
}
