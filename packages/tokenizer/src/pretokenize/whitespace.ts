// Rust's regex `\s` (what tiktoken and Hugging Face tokenizers use) is the Unicode White_Space
// property. JavaScript's `\s` is a different set: it lacks U+0085 (NEXT LINE) and adds U+FEFF
// (ZERO WIDTH NO-BREAK SPACE / BOM). Patterns therefore never use JS `\s`; they use this class,
// spelled out code point by code point (Unicode White_Space, stable since Unicode 6.3).

/** The body of a character class matching Unicode White_Space (for use inside `[...]`, `u` flag). */
export const WHITE_SPACE_CLASS_BODY = "\\t\\n\\v\\f\\r \\x85\\xA0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000";

/** True for the code points of Unicode White_Space (= Rust regex `\s`). */
export function isWhiteSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0x85) return false;
  return (
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}
