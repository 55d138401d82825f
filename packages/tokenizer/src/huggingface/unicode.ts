// Character classes as Rust's standard library defines them (used by Hugging Face tokenizers).

/** Rust's char::is_whitespace: the Unicode White_Space property. */
export function isRustWhitespace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0x85) return false;
  return (
    c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000
  );
}

const PUNCTUATION = /^\p{P}$/u;

/** BERT's punctuation: ASCII punctuation (incl. $ + < = > ^ ` | ~) or a Unicode P* character. */
export function isBertPunctuation(ch: string): boolean {
  const c = ch.charCodeAt(0);
  if ((c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126)) return true;
  return PUNCTUATION.test(ch);
}
