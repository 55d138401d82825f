// One tokenize request: spans with offsets, timed.

import type { Tokenizer } from "@wasmformer/tokenizer";
import type { TokenizeResult } from "../protocol.js";

export function tokenizeWith(tokenizer: Tokenizer, text: string): TokenizeResult {
  const t0 = performance.now();
  const spans = tokenizer.encodeWithOffsets(text);
  const ms = performance.now() - t0;
  return {
    tokenizer: tokenizer.name,
    tokens: spans.map((s) => ({ id: s.id, piece: s.piece, start: s.start, end: s.end, byteStart: s.byteStart, byteEnd: s.byteEnd })),
    chars: text.length,
    bytes: new TextEncoder().encode(text).length,
    ms,
  };
}
