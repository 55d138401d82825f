// Hugging Face pre-tokenizers, one class per "type". Each turns a list of splits (pieces of the
// normalized text) into a finer list; the model then tokenizes every split on its own.

import { BYTE_TO_CHAR } from "../bytelevel/gpt2-bytes.js";
import { rustPatternToJs } from "../pretokenize/translate.js";
import { AlignedString, charCuts } from "./aligned.js";
import type { JsonNode } from "./json.js";
import { compilePattern, matchRanges } from "./pattern.js";
import { CL100K_PATTERN, O200K_PATTERN, R50K_PATTERN } from "../pretokenize/patterns.js";
import { RegexPretokenizer } from "../pretokenize/regex-pretokenizer.js";
import { isBertPunctuation, isRustWhitespace } from "./unicode.js";

export interface PreTokenizer {
  preTokenize(splits: AlignedString[]): AlignedString[];
  /**
   * The texts preTokenize([text]) would produce, handed to `f` in order without building aligned
   * strings (for encoding without offsets). Optional; returns false when this pre-tokenizer has no
   * such path, and then calls nothing.
   */
  eachPiece?(text: string, f: (piece: string) => void): boolean;
}

export type SplitBehavior = "Removed" | "Isolated" | "MergedWithPrevious" | "MergedWithNext" | "Contiguous";
const BEHAVIORS: readonly SplitBehavior[] = ["Removed", "Isolated", "MergedWithPrevious", "MergedWithNext", "Contiguous"];

/**
 * Cuts `s` at [from, to, isMatch] ranges (covering the text, in order) per Hugging Face's
 * SplitDelimiterBehavior: Removed drops matches; Isolated keeps every range; MergedWithPrevious /
 * MergedWithNext glue a match to the non-match before / after it; Contiguous glues runs of ranges
 * with the same isMatch.
 */
export function splitByRanges(s: AlignedString, ranges: [number, number, boolean][], behavior: SplitBehavior): AlignedString[] {
  let pieces: [number, number][] = [];
  if (behavior === "Removed") pieces = ranges.filter((r) => !r[2]).map((r) => [r[0], r[1]]);
  else if (behavior === "Isolated") pieces = ranges.map((r) => [r[0], r[1]]);
  else if (behavior === "MergedWithNext") {
    let previousMatch = false;
    for (let k = ranges.length - 1; k >= 0; k--) {
      const [from, to, isMatch] = ranges[k];
      const last = pieces[pieces.length - 1];
      if (isMatch && !previousMatch && last !== undefined) last[0] = from;
      else pieces.push([from, to]);
      previousMatch = isMatch;
    }
    pieces.reverse();
  } else {
    let previousMatch = false;
    for (const [from, to, isMatch] of ranges) {
      const last = pieces[pieces.length - 1];
      const glue = behavior === "Contiguous" ? isMatch === previousMatch : isMatch && !previousMatch;
      if (glue && last !== undefined) last[1] = to;
      else pieces.push([from, to]);
      previousMatch = isMatch;
    }
  }
  return pieces.filter(([from, to]) => to > from).map(([from, to]) => s.slice(from, to));
}

/** Ranges as a char predicate finds them: every matching character alone, runs of the others together. */
function charRanges(text: string, test: (ch: string) => boolean): [number, number, boolean][] {
  const cuts = charCuts(text);
  const out: [number, number, boolean][] = [];
  for (let k = 0; k + 1 < cuts.length; k++) {
    const hit = test(text.slice(cuts[k], cuts[k + 1]));
    const last = out[out.length - 1];
    if (!hit && last !== undefined && !last[2]) last[1] = cuts[k + 1];
    else out.push([cuts[k], cuts[k + 1], hit]);
  }
  return out;
}

export class SequencePreTokenizer implements PreTokenizer {
  constructor(readonly preTokenizers: readonly PreTokenizer[]) {}
  preTokenize(splits: AlignedString[]): AlignedString[] {
    for (const p of this.preTokenizers) splits = p.preTokenize(splits);
    return splits;
  }
  /** The byte-level BPE pipeline of Llama 3 / Qwen / GPT-4o files: Split(regex) then ByteLevel without prefix or regex. */
  eachPiece(text: string, f: (piece: string) => void): boolean {
    const [split, byteLevel] = this.preTokenizers;
    if (this.preTokenizers.length !== 2 || !(split instanceof SplitPreTokenizer) || !(byteLevel instanceof ByteLevelPreTokenizer)) return false;
    if (byteLevel.addPrefixSpace || byteLevel.useRegex) return false;
    return split.eachMatchText(text, (piece) => f(ASCII_PRINTABLE.test(piece) ? piece : byteLevelText(piece)));
  }
}

export class SplitPreTokenizer implements PreTokenizer {
  /** tiktoken's own patterns (Llama 3's and GPT-4o's files use them) match through the pre-tokenizer with ASCII fast paths. */
  readonly #tiktoken: RegexPretokenizer | undefined;

  constructor(
    readonly pattern: RegExp,
    readonly behavior: SplitBehavior,
    readonly invert: boolean,
    /** The pattern's source as written in the file (Rust syntax), when it is a regex. */
    source?: string,
  ) {
    this.#tiktoken = source !== undefined && TIKTOKEN_PATTERNS.has(source) ? new RegexPretokenizer(source) : undefined;
  }
  /** The texts of preTokenize([text]) for the behaviours isolate() serves; false (nothing called) for the others. */
  eachMatchText(text: string, f: (piece: string) => void): boolean {
    const gaps = this.behavior === "Isolated";
    if (!gaps && !(this.behavior === "Removed" && this.invert)) return false;
    eachIsolated(text, this.pattern, this.#tiktoken, gaps, (from, to) => f(text.slice(from, to)));
    return true;
  }

  preTokenize(splits: AlignedString[]): AlignedString[] {
    const tiktoken = this.#tiktoken;
    if (this.behavior === "Isolated") return splits.flatMap((s) => isolate(s, this.pattern, true, tiktoken));
    // Removed + invert keeps exactly the matches (GPT-4o's and o200k-style files).
    if (this.behavior === "Removed" && this.invert)
      return splits.flatMap((s) => isolate(s, this.pattern, false, tiktoken));
    return splits.flatMap((s) => {
      const ranges = matchRanges(this.pattern, s.text);
      if (this.invert) for (const r of ranges) r[2] = !r[2];
      return splitByRanges(s, ranges, this.behavior);
    });
  }
}

/** Text whose bytes are all printable ASCII maps to itself in GPT-2's byte alphabet. */
const ASCII_PRINTABLE = /^[\x21-\x7e]*$/;

/**
 * Visits [from, to) of the matches in `text` in order, and of the text between them when `gaps`
 * (Isolated): through `pre` (tiktoken's patterns, which never match empty) or the global `regex`.
 */
function eachIsolated(text: string, regex: RegExp, pre: RegexPretokenizer | undefined, gaps: boolean, visit: (from: number, to: number) => void): void {
  let last = 0;
  const matched = (start: number, end: number): void => {
    if (gaps && start > last) visit(last, start);
    visit(start, end);
    last = end;
  };
  if (pre !== undefined) {
    let pos = 0;
    while (pos < text.length && (pos = pre.next(text, pos)) >= 0) matched(pre.start, pos);
  } else {
    regex.lastIndex = 0;
    for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
      if (m[0].length === 0) regex.lastIndex++;
      else matched(m.index, m.index + m[0].length);
    }
  }
  if (gaps && last < text.length) visit(last, text.length);
}

/** The matches of `regex` in order, and the text between them when `gaps` (Isolated), without intermediate ranges. */
function isolate(s: AlignedString, regex: RegExp, gaps: boolean, pre?: RegexPretokenizer): AlignedString[] {
  const out: AlignedString[] = [];
  eachIsolated(s.text, regex, pre, gaps, (from, to) => out.push(s.slice(from, to)));
  return out;
}

const TIKTOKEN_PATTERNS = new Set([R50K_PATTERN, CL100K_PATTERN, O200K_PATTERN]);

const GPT2_PATTERN = new RegExp(rustPatternToJs("'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+"), "gu");

/** GPT-2's byte-level step: optional prefix space, optional GPT-2 regex split, bytes → printable chars. */
export class ByteLevelPreTokenizer implements PreTokenizer {
  constructor(
    readonly addPrefixSpace: boolean,
    readonly useRegex: boolean,
  ) {}
  preTokenize(splits: AlignedString[]): AlignedString[] {
    const out: AlignedString[] = [];
    for (let s of splits) {
      if (this.addPrefixSpace && !s.text.startsWith(" ")) s = s.insert(0, " ");
      const parts = this.useRegex ? isolate(s, GPT2_PATTERN, true) : [s];
      for (const p of parts) out.push(ASCII_PRINTABLE.test(p.text) ? p : p.mapChars(toByteChars));
    }
    return out;
  }
}

const encoder = new TextEncoder();

/** mapChars(toByteChars) on a plain string: every code point's UTF-8 bytes in GPT-2's alphabet. */
function byteLevelText(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    const next = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? i + 2 : i + 1;
    out += toByteChars(next === i + 1 ? text[i]! : text.slice(i, next));
    i = next;
  }
  return out;
}

/** A character's UTF-8 bytes in GPT-2's printable alphabet ("Ġ" for a space). */
export function toByteChars(ch: string): string {
  const c = ch.charCodeAt(0);
  if (ch.length === 1 && c < 0x80) return BYTE_TO_CHAR[c];
  let out = "";
  for (const b of encoder.encode(ch)) out += BYTE_TO_CHAR[b];
  return out;
}

export type PrependScheme = "always" | "first" | "never";

/** SentencePiece-style: spaces → "▁", a "▁" prefix, and a split before every "▁". */
export class MetaspacePreTokenizer implements PreTokenizer {
  constructor(
    readonly replacement: string,
    readonly prependScheme: PrependScheme,
    readonly split: boolean,
  ) {}
  preTokenize(splits: AlignedString[]): AlignedString[] {
    return splits.flatMap((s) => {
      s = s.mapChars((ch) => (ch === " " ? this.replacement : ch));
      if (!s.text.startsWith(this.replacement) && (this.prependScheme === "always" || (this.prependScheme === "first" && s.atInputStart)))
        s = s.insert(0, this.replacement);
      if (!this.split) return [s];
      return splitByRanges(s, charRanges(s.text, (ch) => ch === this.replacement), "MergedWithNext");
    });
  }
}

/** `\w+|[^\w\s]+`, everything else removed. */
export class WhitespacePreTokenizer implements PreTokenizer {
  static readonly #pattern = /[\p{L}\p{M}\p{Nd}\p{Pc}]+|[^\p{L}\p{M}\p{Nd}\p{Pc}\t\n\v\f\r \x85\xA0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+/gu;
  preTokenize(splits: AlignedString[]): AlignedString[] {
    return splits.flatMap((s) => {
      const ranges = matchRanges(WhitespacePreTokenizer.#pattern, s.text);
      for (const r of ranges) r[2] = !r[2];
      return splitByRanges(s, ranges, "Removed");
    });
  }
}

export class WhitespaceSplitPreTokenizer implements PreTokenizer {
  preTokenize(splits: AlignedString[]): AlignedString[] {
    return splits.flatMap((s) => splitByRanges(s, charRanges(s.text, (ch) => isRustWhitespace(ch.codePointAt(0)!)), "Removed"));
  }
}

/** Split on whitespace (removed) and punctuation (isolated). */
export class BertPreTokenizer implements PreTokenizer {
  preTokenize(splits: AlignedString[]): AlignedString[] {
    return new WhitespaceSplitPreTokenizer()
      .preTokenize(splits)
      .flatMap((s) => splitByRanges(s, charRanges(s.text, isBertPunctuation), "Isolated"));
  }
}

export class PunctuationPreTokenizer implements PreTokenizer {
  constructor(readonly behavior: SplitBehavior) {}
  preTokenize(splits: AlignedString[]): AlignedString[] {
    return splits.flatMap((s) => splitByRanges(s, charRanges(s.text, isBertPunctuation), this.behavior));
  }
}

/** Splits on one delimiter character, which is removed. */
export class CharDelimiterSplitPreTokenizer implements PreTokenizer {
  constructor(readonly delimiter: string) {}
  preTokenize(splits: AlignedString[]): AlignedString[] {
    return splits.flatMap((s) => splitByRanges(s, charRanges(s.text, (ch) => ch === this.delimiter), "Removed"));
  }
}

const NUMERIC = /^[\p{Nd}\p{Nl}\p{No}]$/u;

export class DigitsPreTokenizer implements PreTokenizer {
  constructor(readonly individualDigits: boolean) {}
  preTokenize(splits: AlignedString[]): AlignedString[] {
    return splits.flatMap((s) =>
      splitByRanges(s, charRanges(s.text, (ch) => NUMERIC.test(ch)), this.individualDigits ? "Isolated" : "Contiguous"),
    );
  }
}

export function buildPreTokenizer(node: JsonNode): PreTokenizer | null {
  if (node.isNull) return null;
  switch (node.type) {
    case "Sequence":
      return new SequencePreTokenizer(node.get("pretokenizers").array().map((p) => buildPreTokenizer(p)).filter((p) => p !== null));
    case "Split":
      return new SplitPreTokenizer(
        compilePattern(node.get("pattern")),
        behavior(node.get("behavior")),
        node.get("invert").boolean(false),
        node.get("pattern").get("Regex").isNull ? undefined : node.get("pattern").get("Regex").string(),
      );
    case "ByteLevel":
      return new ByteLevelPreTokenizer(node.get("add_prefix_space").boolean(true), node.get("use_regex").boolean(true));
    case "Metaspace":
      return new MetaspacePreTokenizer(node.get("replacement").string("\u2581"), prependScheme(node), node.get("split").boolean(true));
    case "Whitespace":
      return new WhitespacePreTokenizer();
    case "WhitespaceSplit":
      return new WhitespaceSplitPreTokenizer();
    case "BertPreTokenizer":
      return new BertPreTokenizer();
    case "Punctuation":
      return new PunctuationPreTokenizer(node.get("behavior").isNull ? "Isolated" : behavior(node.get("behavior")));
    case "CharDelimiterSplit":
      return new CharDelimiterSplitPreTokenizer(node.get("delimiter").string());
    case "Digits":
      return new DigitsPreTokenizer(node.get("individual_digits").boolean(false));
    default:
      return node.get("type").unsupported(`pre-tokenizer type ${JSON.stringify(node.type)} is not supported`);
  }
}

function behavior(node: JsonNode): SplitBehavior {
  const b = node.string();
  if (!(BEHAVIORS as readonly string[]).includes(b)) node.fail(`expected one of ${BEHAVIORS.join(", ")}, found ${JSON.stringify(b)}`);
  return b as SplitBehavior;
}

/** prepend_scheme, or the older add_prefix_space flag. */
export function prependScheme(node: JsonNode): PrependScheme {
  const scheme = node.get("prepend_scheme");
  if (!scheme.isNull) {
    const s = scheme.string();
    if (s === "always" || s === "first" || s === "never") return s;
    scheme.fail(`expected "always", "first" or "never", found ${JSON.stringify(s)}`);
  }
  return node.get("add_prefix_space").boolean(true) ? "always" : "never";
}
