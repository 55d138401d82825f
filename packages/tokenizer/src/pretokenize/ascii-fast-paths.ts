// Hand-written matchers for tiktoken's three pre-tokenization patterns (patterns.ts) on ASCII text.
// Each returns where the pattern's match starting at `p` ends — the same match the regex finds,
// alternatives tried in order with its backtracking worked out by hand below — or -1 as soon as the
// answer depends on a non-ASCII character (is "é" a letter? is U+3000 a space?), and the caller
// then asks the regex. These patterns match at every position, so a match always starts at `p`.
// Checked against the regex on the parity corpus and random strings (test/pretokenize-fast.test.ts).
//
// ASCII classes: \p{L} = [A-Za-z] (\p{Lu} = [A-Z], \p{Ll} = [a-z]; no Lt, Lm, Lo or M in ASCII),
// \p{N} = [0-9], \s = [\t\n\v\f\r ] (Rust's \s is Unicode White_Space), and "punct" is anything
// else, control characters included.

/** A matcher: end of the match at `p` (p < text.length), or -1 to defer to the regex. */
export type AsciiMatcher = (text: string, p: number) => number;

const isLetter = (c: number): boolean => (c | 32) >= 97 && (c | 32) <= 122;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13);
const APOSTROPHE = 39;
const LONG_S = 0x17f; // ſ: case-insensitively an "s" in (?i:'s)

/** End of the run of ASCII letters from q, or -1 if it runs into a non-ASCII character. */
function letters(text: string, q: number): number {
  for (let e = q; ; e++) {
    if (e === text.length) return e;
    const c = text.charCodeAt(e);
    if (c >= 128) return -1;
    if (!isLetter(c)) return e;
  }
}

/** \p{N}+ (max = Infinity) or \p{N}{1,max} from a digit at q. */
function digits(text: string, q: number, max: number): number {
  let e = q + 1;
  for (; e < text.length && e - q < max; e++) {
    const c = text.charCodeAt(e);
    if (c >= 128) return -1;
    if (!isDigit(c)) break;
  }
  return e;
}

/** [^\s\p{L}\p{N}]+ from a punct at q, then `tail`: [\r\n]* (1), [\r\n/]* (2) or nothing (0). */
function punct(text: string, q: number, tail: 0 | 1 | 2): number {
  let e = q + 1;
  for (; e < text.length; e++) {
    const c = text.charCodeAt(e);
    if (c >= 128) return -1;
    if (isLetter(c) || isDigit(c) || isSpace(c)) break;
  }
  if (tail > 0) {
    for (; e < text.length; e++) {
      const c = text.charCodeAt(e);
      if (!(c === 10 || c === 13 || (tail === 2 && c === 47))) break;
    }
  }
  return e;
}

/**
 * The whitespace alternatives from p (a whitespace character): `\s*[\r\n]+` when `lineBreaks`
 * (ends after the run's last CR/LF), else `\s+(?!\S)` (the whole run at the end of the text,
 * otherwise all but its last character), else `\s+`.
 */
function whitespace(text: string, p: number, lineBreaks: boolean): number {
  const n = text.length;
  let e = p;
  let lastBreak = -1;
  for (; e < n; e++) {
    const c = text.charCodeAt(e);
    if (c >= 128) return -1;
    if (!isSpace(c)) break;
    if (c === 10 || c === 13) lastBreak = e;
  }
  if (lineBreaks && lastBreak >= 0) return lastBreak + 1;
  if (e === n) return n;
  return e - 1 > p ? e - 1 : e;
}

/** (?i:'s|'t|'re|'ve|'m|'ll|'d) at p (text[p] is an apostrophe): its end, p if none, -1 to defer. */
function contraction(text: string, p: number): number {
  if (p + 1 >= text.length) return p;
  const d = text.charCodeAt(p + 1);
  if (d === LONG_S) return p + 2;
  if (d >= 128) return -1;
  const l = d | 32;
  if (l === 115 || l === 116 || l === 109 || l === 100) return p + 2; // s t m d
  if (l === 114 || l === 118 || l === 108) {
    if (p + 2 >= text.length) return p;
    const e = text.charCodeAt(p + 2);
    if (e >= 128) return -1;
    const m = e | 32;
    if ((l !== 108 && m === 101) || (l === 108 && m === 108)) return p + 3; // re ve / ll
  }
  return p;
}

/** r50k_base / p50k: 's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+ */
export const r50kAscii: AsciiMatcher = (text, p) => {
  const n = text.length;
  const c = text.charCodeAt(p);
  if (c >= 128) return -1;
  if (c === APOSTROPHE && p + 1 < n) {
    // Case-sensitive contractions.
    const d = text.charCodeAt(p + 1);
    if (d === 115 || d === 116 || d === 109 || d === 100) return p + 2;
    if (p + 2 < n) {
      const e = text.charCodeAt(p + 2);
      if (((d === 114 || d === 118) && e === 101) || (d === 108 && e === 108)) return p + 3;
    }
  }
  let q = p;
  if (c === 32 && p + 1 < n) {
    const d = text.charCodeAt(p + 1);
    if (d >= 128) return -1;
    if (!isSpace(d)) q = p + 1; // " ?" before a letter, digit or punct run
  }
  const cq = text.charCodeAt(q);
  if (isLetter(cq)) return letters(text, q);
  if (isDigit(cq)) return digits(text, q, Infinity);
  if (!isSpace(cq)) return punct(text, q, 0);
  return whitespace(text, p, false);
};

/** cl100k_base: (?i:'s|…)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+ */
export const cl100kAscii: AsciiMatcher = (text, p) => {
  const n = text.length;
  const c = text.charCodeAt(p);
  if (c >= 128) return -1;
  if (c === APOSTROPHE) {
    const end = contraction(text, p);
    if (end !== p) return end;
  }
  if (isLetter(c)) return letters(text, p);
  if (isDigit(c)) return digits(text, p, 3);
  // c is whitespace or punct; all but CR/LF may lead a run of letters ([^\r\n\p{L}\p{N}]?\p{L}+).
  if (c !== 10 && c !== 13 && p + 1 < n) {
    const d = text.charCodeAt(p + 1);
    if (d >= 128) return -1;
    if (isLetter(d)) return letters(text, p + 1);
  }
  if (!isSpace(c)) return punct(text, p, 1);
  if (c === 32 && p + 1 < n) {
    const d = text.charCodeAt(p + 1); // ASCII: checked above
    if (!isLetter(d) && !isDigit(d) && !isSpace(d)) return punct(text, p + 1, 1);
  }
  return whitespace(text, p, true);
};

/**
 * o200k_base's two letter alternatives, [^\r\n\p{L}\p{N}]?(U*Lw+|U+Lw*)(?i:'s|…)? with U = [Lu Lt Lm
 * Lo M] and Lw = [Ll Lm Lo M], are on ASCII "[A-Z]*[a-z]*, at least one letter": the first needs a
 * lowercase letter after the capitals (U* cannot give back a capital to Lw+), the second takes the
 * capitals when none follows. Then the optional contraction.
 */
function caseRun(text: string, q: number): number {
  const n = text.length;
  let e = q;
  for (; e < n; e++) {
    const c = text.charCodeAt(e);
    if (c >= 128) return -1;
    if (c < 65 || c > 90) break;
  }
  for (; e < n; e++) {
    const c = text.charCodeAt(e);
    if (c >= 128) return -1;
    if (c < 97 || c > 122) break;
  }
  if (e < n && text.charCodeAt(e) === APOSTROPHE) {
    // The contraction is optional: an "'" not followed by one is not part of this match. (No
    // non-ASCII character completes one except ſ, which contraction() knows, so -1 means none.)
    const end = contraction(text, e);
    return end === -1 ? e : end;
  }
  return e;
}

/** o200k_base (see O200K_PATTERN). */
export const o200kAscii: AsciiMatcher = (text, p) => {
  const n = text.length;
  const c = text.charCodeAt(p);
  if (c >= 128) return -1;
  if (isLetter(c)) return caseRun(text, p);
  if (isDigit(c)) return digits(text, p, 3);
  if (c !== 10 && c !== 13 && p + 1 < n) {
    const d = text.charCodeAt(p + 1);
    if (d >= 128) return -1;
    if (isLetter(d)) return caseRun(text, p + 1);
  }
  if (!isSpace(c)) return punct(text, p, 2);
  if (c === 32 && p + 1 < n) {
    const d = text.charCodeAt(p + 1);
    if (!isLetter(d) && !isDigit(d) && !isSpace(d)) return punct(text, p + 1, 2);
  }
  return whitespace(text, p, true);
};
