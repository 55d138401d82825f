// INTERIM: small stand-ins for ../bytelevel/gpt2-bytes.ts (BYTE_TO_CHAR) and
// ../pretokenize/translate.ts (rustPatternToJs), which the tokenizer core owns and has not committed
// yet. Same behaviour; to be replaced by imports of those modules (and this file deleted) once they land.

/** GPT-2's byte → printable character table (bytes_to_unicode). */
export const BYTE_TO_CHAR: readonly string[] = (() => {
  const table: string[] = [];
  let extra = 0;
  for (let b = 0; b < 256; b++) {
    const printable = (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
    table.push(String.fromCharCode(printable ? b : 256 + extra++));
  }
  return table;
})();

/** Unicode White_Space (Rust/Oniguruma `\s`; JavaScript's `\s` differs on U+0085 and U+FEFF). */
const WS = "\\t\\n\\v\\f\\r \\x85\\xA0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000";

/** Rust-regex pattern → JavaScript `u`-mode source: `\s`/`\S` spelled out, `(?i:…)` expanded letter by letter. */
export function rustPatternToJs(pattern: string): string {
  let out = "";
  let inClass = false;
  let depth = 0;
  let foldDepth = -1;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === "\\") {
      const next = pattern[++i] ?? "";
      if (next === "s") out += inClass ? WS : `[${WS}]`;
      else if (next === "S" && !inClass) out += `[^${WS}]`;
      else out += `\\${next}`;
    } else if (inClass) {
      if (ch === "]") inClass = false;
      out += ch;
    } else if (ch === "[") {
      inClass = true;
      out += ch;
    } else if (pattern.startsWith("(?i:", i)) {
      if (foldDepth < 0) foldDepth = depth;
      depth++;
      out += "(?:";
      i += 3;
    } else if (ch === "(") {
      depth++;
      out += ch;
    } else if (ch === ")") {
      if (--depth === foldDepth) foldDepth = -1;
      out += ch;
    } else if (foldDepth >= 0 && /[A-Za-z]/.test(ch)) {
      const l = ch.toLowerCase();
      out += l === "s" ? "[sS\u017f]" : l === "k" ? "[kK\u212a]" : `[${l}${l.toUpperCase()}]`;
    } else out += ch;
  }
  return out;
}
