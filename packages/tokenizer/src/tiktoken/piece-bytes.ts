// One pre-token as the BPE sees it: its UTF-8 bytes in a reused buffer and their polynomial hash
// (byte-vocabulary.ts), computed in the same pass straight from the text — no slice, no string.
// Lone surrogates encode as U+FFFD (EF BF BD), like TextEncoder and tiktoken's JS binding.

import { hashStep } from "./byte-vocabulary.js";

export class PieceBytes {
  /** The bytes, valid in [0, length). */
  buf = new Uint8Array(256);
  length = 0;
  hash = 0;

  /** Loads text[start, end). */
  load(text: string, start: number, end: number): void {
    if (this.buf.length < 3 * (end - start)) this.buf = new Uint8Array(Math.max(3 * (end - start), 2 * this.buf.length));
    const buf = this.buf;
    let o = 0;
    let h = 0;
    for (let i = start; i < end; i++) {
      let c = text.charCodeAt(i);
      if (c < 0x80) {
        buf[o++] = c;
        h = hashStep(h, c);
        continue;
      }
      if (c < 0x800) {
        const b0 = 0xc0 | (c >> 6);
        const b1 = 0x80 | (c & 0x3f);
        buf[o++] = b0;
        buf[o++] = b1;
        h = hashStep(hashStep(h, b0), b1);
        continue;
      }
      if (c >= 0xd800 && c <= 0xdfff) {
        const d = i + 1 < end ? text.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          i++;
          const b0 = 0xf0 | (c >> 18);
          const b1 = 0x80 | ((c >> 12) & 0x3f);
          const b2 = 0x80 | ((c >> 6) & 0x3f);
          const b3 = 0x80 | (c & 0x3f);
          buf[o++] = b0;
          buf[o++] = b1;
          buf[o++] = b2;
          buf[o++] = b3;
          h = hashStep(hashStep(hashStep(hashStep(h, b0), b1), b2), b3);
          continue;
        }
        c = 0xfffd;
      }
      const b0 = 0xe0 | (c >> 12);
      const b1 = 0x80 | ((c >> 6) & 0x3f);
      const b2 = 0x80 | (c & 0x3f);
      buf[o++] = b0;
      buf[o++] = b1;
      buf[o++] = b2;
      h = hashStep(hashStep(hashStep(h, b0), b1), b2);
    }
    this.length = o;
    this.hash = h;
  }
}
