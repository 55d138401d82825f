import { InvalidArgumentError } from "../errors.js";
import { WHITE_SPACE_CLASS_BODY } from "./whitespace.js";

// Translates a pre-tokenization pattern written for Rust's regex / fancy-regex (tiktoken's `pat_str`,
// Hugging Face `Split` / `ByteLevel` patterns) into an equivalent JavaScript `u`-mode source:
//   \s, \S          → the Unicode White_Space class (JS `\s` differs: U+0085, U+FEFF)
//   (?i: … )        → case-insensitive group expanded letter by letter with Rust's simple case folding
//                     (s ↔ S ↔ ſ U+017F, k ↔ K ↔ K U+212A), e.g. (?i:'s) → '[sSſ]
// \p{…}, (?!…), (?=…), classes, quantifiers and alternation mean the same in both and are copied.

const FOLDS: Record<string, string> = { s: "sSſ", k: "kKK" };

function foldLetter(ch: string): string {
  const lower = ch.toLowerCase();
  const extra = FOLDS[lower];
  if (extra !== undefined) return `[${extra}]`;
  return `[${lower}${lower.toUpperCase()}]`;
}

/** Rust-regex pattern → JavaScript RegExp source (to be compiled with the `u` flag). */
export function rustPatternToJs(pattern: string): string {
  let out = "";
  let inClass = false;
  // Depth of groups; -1 when not inside a case-insensitive group, else the depth where it opened.
  let depth = 0;
  let caseInsensitiveDepth = -1;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === "\\") {
      const next = pattern[i + 1];
      if (next === undefined) throw new InvalidArgumentError("pattern", "ends with a lone backslash");
      i++;
      if (next === "s") out += inClass ? WHITE_SPACE_CLASS_BODY : `[${WHITE_SPACE_CLASS_BODY}]`;
      else if (next === "S") {
        if (inClass) throw new InvalidArgumentError("pattern", `\\S inside a character class is not supported (at ${i - 1})`);
        out += `[^${WHITE_SPACE_CLASS_BODY}]`;
      } else if (next === "p" || next === "P") {
        const close = pattern.indexOf("}", i);
        if (pattern[i + 1] !== "{" || close < 0) throw new InvalidArgumentError("pattern", `malformed \\${next} at ${i - 1}`);
        out += pattern.slice(i - 1, close + 1);
        i = close;
      } else out += `\\${next}`;
      continue;
    }
    if (inClass) {
      if (ch === "]") inClass = false;
      else if (caseInsensitiveDepth >= 0 && /\p{L}/u.test(ch))
        throw new InvalidArgumentError("pattern", `letters in a class inside (?i:…) are not supported (at ${i})`);
      out += ch;
      continue;
    }
    if (ch === "[") {
      inClass = true;
      out += ch;
      if (pattern[i + 1] === "^") {
        out += "^";
        i++;
      }
      if (pattern[i + 1] === "]") {
        out += "\\]";
        i++;
      }
      continue;
    }
    if (ch === "(") {
      if (pattern.startsWith("(?i:", i)) {
        if (caseInsensitiveDepth < 0) caseInsensitiveDepth = depth;
        depth++;
        out += "(?:";
        i += 3;
        continue;
      }
      if (pattern.startsWith("(?", i) && !/^\(\?(?::|=|!|<=|<!|<[A-Za-z])/.test(pattern.slice(i, i + 4)))
        throw new InvalidArgumentError("pattern", `unsupported group syntax at ${i}: ${pattern.slice(i, i + 5)}`);
      depth++;
      out += ch;
      continue;
    }
    if (ch === ")") {
      depth--;
      if (depth === caseInsensitiveDepth) caseInsensitiveDepth = -1;
      out += ch;
      continue;
    }
    if (caseInsensitiveDepth >= 0 && /\p{L}/u.test(ch)) {
      if (!/[A-Za-z]/.test(ch))
        throw new InvalidArgumentError("pattern", `non-ASCII letter ${ch} inside (?i:…) is not supported (at ${i})`);
      out += foldLetter(ch);
      continue;
    }
    out += ch;
  }
  if (inClass) throw new InvalidArgumentError("pattern", "unterminated character class");
  return out;
}
