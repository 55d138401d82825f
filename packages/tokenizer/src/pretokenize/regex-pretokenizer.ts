import { InvalidArgumentError } from "../errors.js";
import { type AsciiMatcher, cl100kAscii, o200kAscii, r50kAscii } from "./ascii-fast-paths.js";
import { CL100K_PATTERN, O200K_PATTERN, R50K_PATTERN } from "./patterns.js";
import { rustPatternToJs } from "./translate.js";

/** Hand-written ASCII matchers for the patterns that have one (ascii-fast-paths.ts). */
const ASCII_MATCHERS = new Map<string, AsciiMatcher>([
  [R50K_PATTERN, r50kAscii],
  [CL100K_PATTERN, cl100kAscii],
  [O200K_PATTERN, o200kAscii],
]);

/**
 * Splits text into pre-tokens with a regex, exactly like Rust's `find_iter` (tiktoken, HF `Split`
 * with `Isolated` behaviour on matches): leftmost matches, left to right; text between matches is
 * dropped (tiktoken's patterns cover every character, so nothing is dropped for them).
 *
 * Usage (no allocation besides what you slice):
 *   let pos = 0;
 *   while ((pos = pre.next(text, pos)) >= 0) { const piece = text.slice(pre.start, pos); … }
 */
export class RegexPretokenizer {
  /** Start of the last match returned by next(). */
  start = 0;
  readonly source: string;
  readonly #sticky: RegExp;
  readonly #global: RegExp;
  /** tiktoken's patterns: a hand-written matcher answers for ASCII text, the regex for the rest. */
  readonly #ascii: AsciiMatcher | undefined;

  /** @param pattern a Rust-syntax pattern string (translated), or a JS RegExp with the `u` or `v` flag (used as is). */
  constructor(pattern: string | RegExp) {
    let source: string;
    let flags: string;
    if (typeof pattern === "string") {
      source = rustPatternToJs(pattern);
      flags = "u";
    } else {
      source = pattern.source;
      flags = pattern.flags.replace(/[gy]/g, "");
      if (!flags.includes("u") && !flags.includes("v"))
        throw new InvalidArgumentError("pattern", "a RegExp pattern needs the u (or v) flag so \\p{…} and astral characters work");
    }
    this.source = source;
    this.#ascii = typeof pattern === "string" ? ASCII_MATCHERS.get(pattern) : undefined;
    this.#sticky = new RegExp(source, `${flags}y`);
    this.#global = new RegExp(source, `${flags}g`);
  }

  /**
   * Finds the next pre-token at or after `pos` in `text`; returns its end (and sets `this.start`), or
   * -1 when there is none. Empty matches are skipped.
   */
  next(text: string, pos: number): number {
    const ascii = this.#ascii;
    if (ascii !== undefined && pos < text.length) {
      const end = ascii(text, pos);
      if (end > pos) {
        this.start = pos;
        return end;
      }
    }
    const sticky = this.#sticky;
    sticky.lastIndex = pos;
    if (sticky.test(text)) {
      const end = sticky.lastIndex;
      if (end > pos) {
        this.start = pos;
        return end;
      }
    }
    return this.#nextSlow(text, pos);
  }

  #nextSlow(text: string, pos: number): number {
    const global = this.#global;
    global.lastIndex = pos;
    for (;;) {
      const m = global.exec(text);
      if (m === null) return -1;
      if (m[0].length > 0) {
        this.start = m.index;
        return m.index + m[0].length;
      }
      // Empty match: step over one code point and keep looking.
      const c = text.charCodeAt(m.index);
      global.lastIndex = m.index + (c >= 0xd800 && c <= 0xdbff && m.index + 1 < text.length ? 2 : 1);
      if (global.lastIndex > text.length) return -1;
    }
  }

  /** All pre-tokens of `text`, as strings (convenience; the tokenizers use next()). */
  split(text: string): string[] {
    const out: string[] = [];
    let pos = 0;
    while ((pos = this.next(text, pos)) >= 0) out.push(text.slice(this.start, pos));
    return out;
  }
}
