// How one token is shown on its own (heatmap labels, probability bars): its decoded text when that is
// whole characters, else its vocabulary piece (a byte of a split character, e.g. "<0xF0>" or "ð").

import type { Tokenizer } from "@wasmformer/tokenizer";

export function tokenText(tokenizer: Tokenizer, id: number): string {
  // A model may pad its vocabulary past the tokenizer's (Hugging Face checkpoints often do).
  if (id >= tokenizer.vocabSize) return `<id ${id}>`;
  const piece = tokenizer.idToPiece(id);
  if (tokenizer.specialTokens.has(piece)) return piece;
  let text: string;
  try {
    text = tokenizer.decode([id]);
  } catch {
    return piece;
  }
  return text === "" || text.includes("\ufffd") ? piece : text;
}
