// A UTF-8 decoder for text that arrives in byte chunks (one token's bytes at a time).
//
// It returns only complete characters and keeps the bytes of an unfinished character until the next
// chunk; `flush()` turns whatever is still pending into U+FFFD, exactly as a one-shot
// `new TextDecoder("utf-8", { ignoreBOM: true }).decode(allBytes)` would. So for every way of cutting
// a byte string into chunks, the concatenated output equals the batch decode (WHATWG streaming
// semantics). A leading U+FEFF is text, never swallowed as a byte-order mark.

export class Utf8StreamDecoder {
  #decoder = new TextDecoder("utf-8", { ignoreBOM: true });

  /** Adds bytes; returns the text completed by them (possibly ""). */
  push(bytes: Uint8Array): string {
    return this.#decoder.decode(bytes, { stream: true });
  }

  /** Ends the stream: pending bytes of an unfinished character come out as U+FFFD. Resets the decoder. */
  flush(): string {
    return this.#decoder.decode();
  }
}

/** One-shot UTF-8 decode that keeps a leading U+FEFF (TextDecoder strips it by default). */
export function decodeUtf8(bytes: Uint8Array): string {
  return sharedDecoder.decode(bytes);
}

const sharedDecoder = new TextDecoder("utf-8", { ignoreBOM: true });
