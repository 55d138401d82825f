// UTF-8 helpers over "binary strings": JS strings whose every code unit is one byte (0..255). They
// are the keys of byte-level vocabularies (hashable by Map, cheap to concatenate and slice).
// Lone surrogates encode as U+FFFD (EF BF BD), exactly like TextEncoder and tiktoken's JS binding.

const CHUNK = 4096;

/** The UTF-8 bytes of `text` as a binary string. ASCII text is returned unchanged (no copy). */
export function utf8Binary(text: string): string {
  const n = text.length;
  let i = 0;
  while (i < n && text.charCodeAt(i) < 0x80) i++;
  if (i === n) return text;
  const codes: number[] = [];
  for (let k = 0; k < i; k++) codes.push(text.charCodeAt(k));
  for (; i < n; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) codes.push(c);
    else if (c < 0x800) codes.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    else {
      if (c >= 0xd800 && c <= 0xdfff) {
        const d = i + 1 < n ? text.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          i++;
          codes.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
          continue;
        }
        c = 0xfffd;
      }
      codes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    }
  }
  return codesToString(codes);
}

/** Builds a string from char codes, in chunks (no argument-count overflow for long inputs). */
export function codesToString(codes: ArrayLike<number>): string {
  if (codes.length <= CHUNK) return String.fromCharCode.apply(null, codes as number[]);
  let s = "";
  for (let i = 0; i < codes.length; i += CHUNK) {
    const part = Array.prototype.slice.call(codes, i, i + CHUNK) as number[];
    s += String.fromCharCode.apply(null, part);
  }
  return s;
}

/** Number of UTF-8 bytes of the UTF-16 code unit at `i` (4 for a surrogate pair's high half, 0 for its low half). */
export function utf8UnitLength(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0x80) return 1;
  if (c < 0x800) return 2;
  if (c >= 0xd800 && c <= 0xdbff) {
    const d = text.charCodeAt(i + 1);
    return d >= 0xdc00 && d <= 0xdfff ? 4 : 3;
  }
  if (c >= 0xdc00 && c <= 0xdfff) {
    const p = i > 0 ? text.charCodeAt(i - 1) : 0;
    return p >= 0xd800 && p <= 0xdbff ? 0 : 3;
  }
  return 3;
}

/** Binary string → bytes. */
export function binaryToBytes(binary: string): Uint8Array {
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** Bytes → binary string. */
export function bytesToBinary(bytes: Uint8Array): string {
  return codesToString(bytes);
}
