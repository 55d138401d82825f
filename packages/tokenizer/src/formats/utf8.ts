// UTF-8 helpers shared by the SentencePiece-family and tokenizer.json formats (binary-string helpers
// live in ../bytelevel/utf8.ts).

const encoder = new TextEncoder();

/** UTF-8 bytes of a JS string; lone surrogates become U+FFFD (EF BF BD), as TextEncoder does. */
export function utf8Encode(text: string): Uint8Array {
  return encoder.encode(text);
}

/** UTF-8 byte offset of every UTF-16 offset 0..text.length (lone surrogates count 3 bytes, as U+FFFD). */
export function utf16ToUtf8Offsets(text: string): Int32Array {
  const out = new Int32Array(text.length + 1);
  let b = 0;
  for (let u = 0; u < text.length; u++) {
    out[u] = b;
    const c = text.charCodeAt(u);
    if (c < 0x80) b += 1;
    else if (c < 0x800) b += 2;
    else if (c >= 0xd800 && c <= 0xdbff && u + 1 < text.length && (text.charCodeAt(u + 1) & 0xfc00) === 0xdc00) {
      out[++u] = b + 2; // inside the pair
      b += 4;
    } else b += 3;
  }
  out[text.length] = b;
  return out;
}
