// "Binary strings": JS strings with one char (0..255) per byte. Vocabularies of byte pieces are keyed
// by them (hashable by Map, cheap to concatenate).

const CHUNK = 4096;

/** Bytes → binary string. */
export function bytesToBinary(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += CHUNK) s += String.fromCharCode.apply(null, Array.from(bytes.subarray(i, i + CHUNK)));
  return s;
}

/** Binary string → bytes. */
export function binaryToBytes(binary: string): Uint8Array {
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

const encoder = new TextEncoder();

/** UTF-8 bytes of a JS string; lone surrogates become U+FFFD (EF BF BD), as TextEncoder does. */
export function utf8Encode(text: string): Uint8Array {
  return encoder.encode(text);
}

/** Length in bytes of the UTF-8 sequence that starts with `lead` (1 for stray continuation bytes). */
export function utf8SequenceLength(lead: number): number {
  return lead < 0xc0 ? 1 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
}
