import type { StreamDecoder } from "../types.js";
import { Utf8StreamDecoder } from "./utf8-stream.js";

/**
 * A StreamDecoder for any format: `tokenBytes(id)` returns the bytes one id contributes to the text
 * (an empty array for ids that decode to nothing, e.g. skipped specials) and throws for invalid ids.
 * Text deltas never split a UTF-8 character; `flush()` emits pending bytes as U+FFFD.
 */
export function createTokenStreamDecoder(tokenBytes: (id: number) => Uint8Array): StreamDecoder {
  const utf8 = new Utf8StreamDecoder();
  return {
    push(id: number): string {
      return utf8.push(tokenBytes(id));
    },
    flush(): string {
      return utf8.flush();
    },
  };
}
