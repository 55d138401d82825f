// Hugging Face normalizers, one class per "type". Each rewrites an AlignedString.

import { PrecompiledCharsmap } from "../sentencepiece/charsmap.js";
import { AlignedString, charCuts } from "./aligned.js";
import type { JsonNode } from "./json.js";
import { compilePattern, matchRanges } from "./pattern.js";
import { isRustWhitespace } from "./unicode.js";

export interface Normalizer {
  normalize(s: AlignedString): AlignedString;
}

export class SequenceNormalizer implements Normalizer {
  constructor(readonly normalizers: readonly Normalizer[]) {}
  normalize(s: AlignedString): AlignedString {
    for (const n of this.normalizers) s = n.normalize(s);
    return s;
  }
}

/** Prepends a string (e.g. "▁") to non-empty text. */
export class PrependNormalizer implements Normalizer {
  constructor(readonly prepend: string) {}
  normalize(s: AlignedString): AlignedString {
    return s.length === 0 ? s : s.insert(0, this.prepend);
  }
}

/** Replaces every match of a literal or regex with `content`. */
export class ReplaceNormalizer implements Normalizer {
  constructor(
    readonly pattern: RegExp,
    readonly content: string,
  ) {}
  normalize(s: AlignedString): AlignedString {
    const ranges = matchRanges(this.pattern, s.text);
    if (!ranges.some((r) => r[2])) return s;
    const cuts = [0, ...ranges.map((r) => r[1])];
    return s.rewrite(cuts, (piece, k) => (ranges[k][2] ? this.content : piece));
  }
}

/**
 * Unicode normalization (NFC, NFD, NFKC, NFKD). Applied per cluster (a character and the marks after
 * it) so offsets stay exact; if that ever differs from normalizing the whole text, the whole text is
 * used (offsets then coarse).
 */
export class UnicodeNormalizer implements Normalizer {
  constructor(readonly form: "NFC" | "NFD" | "NFKC" | "NFKD") {}
  normalize(s: AlignedString): AlignedString {
    const whole = s.text.normalize(this.form);
    if (whole === s.text) return s;
    if (s.start === null) return new AlignedString(whole, null, null, whole.length > 0 ? s.firstOrigin : -1);
    const cuts = clusterCuts(s.text);
    const out = s.rewrite(cuts, (piece) => piece.normalize(this.form));
    if (out.text === whole) return out;
    return s.rewrite([0, s.length], () => whole);
  }
}

/** Cluster boundaries: before every code point that is not a combining mark or a Hangul medial/final jamo. */
function clusterCuts(text: string): number[] {
  const chars = charCuts(text);
  const cuts = [0];
  for (let k = 1; k + 1 < chars.length; k++) {
    const c = text.codePointAt(chars[k])!;
    if (!COMBINING.test(String.fromCodePoint(c)) && !(c >= 0x1160 && c <= 0x11ff)) cuts.push(chars[k]);
  }
  if (text.length > 0) cuts.push(text.length);
  return cuts;
}
const COMBINING = /^\p{M}$/u;

export class LowercaseNormalizer implements Normalizer {
  normalize(s: AlignedString): AlignedString {
    return s.text.toLowerCase() === s.text ? s : s.mapChars((ch) => ch.toLowerCase());
  }
}

/** Removes leading and/or trailing whitespace. */
export class StripNormalizer implements Normalizer {
  constructor(
    readonly left: boolean,
    readonly right: boolean,
  ) {}
  normalize(s: AlignedString): AlignedString {
    let from = 0;
    let to = s.length;
    if (this.left) while (from < to && isRustWhitespace(s.text.charCodeAt(from))) from++;
    if (this.right) while (to > from && isRustWhitespace(s.text.charCodeAt(to - 1))) to--;
    return from === 0 && to === s.length ? s : s.slice(from, to);
  }
}

/** Removes combining marks: all of \p{M} for the StripAccents normalizer, \p{Mn} for BERT's. */
export class StripAccentsNormalizer implements Normalizer {
  readonly #any: RegExp;
  readonly #one: RegExp;
  constructor(readonly nonSpacingOnly = false) {
    this.#any = nonSpacingOnly ? /\p{Mn}/u : /\p{M}/u;
    this.#one = nonSpacingOnly ? /^\p{Mn}$/u : /^\p{M}$/u;
  }
  normalize(s: AlignedString): AlignedString {
    return this.#any.test(s.text) ? s.mapChars((ch) => (this.#one.test(ch) ? "" : ch)) : s;
  }
}

/** BERT's normalizer: clean control characters, pad CJK ideographs with spaces, strip accents, lower-case. */
export class BertNormalizer implements Normalizer {
  constructor(
    readonly cleanText: boolean,
    readonly handleChineseChars: boolean,
    readonly stripAccents: boolean | null,
    readonly lowercase: boolean,
  ) {}
  normalize(s: AlignedString): AlignedString {
    if (this.cleanText) s = s.mapChars(cleanChar);
    if (this.handleChineseChars) s = s.mapChars((ch) => (isChineseChar(ch.codePointAt(0)!) ? ` ${ch} ` : ch));
    if (this.stripAccents ?? this.lowercase) {
      s = new UnicodeNormalizer("NFD").normalize(s);
      s = new StripAccentsNormalizer(true).normalize(s);
    }
    if (this.lowercase) s = new LowercaseNormalizer().normalize(s);
    return s;
  }
}

/** Hugging Face's BERT "control": Cc, Cf, Co, Cs (not unassigned code points). */
const OTHER = /^[\p{Cc}\p{Cf}\p{Co}\p{Cs}]$/u;

function cleanChar(ch: string): string {
  const c = ch.codePointAt(0)!;
  if (c === 0 || c === 0xfffd) return "";
  if (c === 0x09 || c === 0x0a || c === 0x0d) return " ";
  if (OTHER.test(ch)) return "";
  return isRustWhitespace(c) ? " " : ch;
}

/** The CJK ideograph blocks BERT pads with spaces. */
export function isChineseChar(c: number): boolean {
  return (
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0x20000 && c <= 0x2a6df) ||
    (c >= 0x2a700 && c <= 0x2b73f) ||
    (c >= 0x2b740 && c <= 0x2b81f) ||
    (c >= 0x2b920 && c <= 0x2ceaf) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0x2f800 && c <= 0x2fa1f)
  );
}

/** Hugging Face's Nmt: drop C0/C1 control characters, turn other separators (and "▁", U+FEFF, U+FFFD) into spaces. */
export class NmtNormalizer implements Normalizer {
  normalize(s: AlignedString): AlignedString {
    return NMT_SPECIAL.test(s.text) ? s.mapChars(nmtChar) : s;
  }
}
const NMT_SPECIAL = /[\u0001-\u000d\u000e-\u001f\u007f\u008f\u009f\u1680\u200b-\u200f\u2028\u2029\u2581\ufeff\ufffd]/;

function nmtChar(ch: string): string {
  const c = ch.charCodeAt(0);
  if ((c >= 0x01 && c <= 0x08) || c === 0x0b || (c >= 0x0e && c <= 0x1f) || c === 0x7f || c === 0x8f || c === 0x9f) return "";
  if (c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d || c === 0x1680 || (c >= 0x200b && c <= 0x200f)) return " ";
  if (c === 0x2028 || c === 0x2029 || c === 0x2581 || c === 0xfeff || c === 0xfffd) return " ";
  return ch;
}

/**
 * SentencePiece's character map as Hugging Face applies it (Precompiled): per grapheme cluster of
 * fewer than 6 bytes, the FIRST (shortest) rule matching its start replaces the whole cluster;
 * otherwise each character is looked up on its own.
 */
export class PrecompiledNormalizer implements Normalizer {
  /** Built on first use: constructing a Segmenter costs milliseconds, too much for import time. */
  static #graphemes: Intl.Segmenter | undefined;
  readonly #charsmap: PrecompiledCharsmap;

  constructor(charsmap: PrecompiledCharsmap) {
    this.#charsmap = charsmap;
  }

  normalize(s: AlignedString): AlignedString {
    const cuts: number[] = [0];
    const out: string[] = [];
    let changed = false;
    PrecompiledNormalizer.#graphemes ??= new Intl.Segmenter("en", { granularity: "grapheme" });
    for (const { segment, index } of PrecompiledNormalizer.#graphemes.segment(s.text)) {
      const bytes = ENCODER.encode(segment);
      const whole = bytes.length < 6 ? this.#charsmap.shortestMatch(bytes, 0) : null;
      if (whole !== null) {
        cuts.push(index + segment.length);
        out.push(whole[1]);
        changed = true;
        continue;
      }
      for (let k = 0; k < segment.length; ) {
        const width = segment.codePointAt(k)! > 0xffff ? 2 : 1;
        const ch = segment.slice(k, k + width);
        const rule = this.#charsmap.shortestMatch(ENCODER.encode(ch), 0);
        cuts.push(index + k + width);
        out.push(rule === null ? ch : rule[1]);
        if (rule !== null) changed = true;
        k += width;
      }
    }
    return changed ? s.rewrite(cuts, (_, k) => out[k]) : s;
  }
}
const ENCODER = new TextEncoder();

/** base64 → bytes (atob exists in browsers and Node ≥ 16). */
function base64Bytes(node: JsonNode): Uint8Array {
  try {
    return Uint8Array.from(atob(node.string()), (c) => c.charCodeAt(0));
  } catch {
    return node.fail("expected base64 data");
  }
}

export function buildNormalizer(node: JsonNode): Normalizer | null {
  if (node.isNull) return null;
  switch (node.type) {
    case "Sequence":
      return new SequenceNormalizer(node.get("normalizers").array().map((n) => buildNormalizer(n)!).filter((n) => n !== null));
    case "Prepend":
      return new PrependNormalizer(node.get("prepend").string());
    case "Replace":
      return new ReplaceNormalizer(compilePattern(node.get("pattern")), node.get("content").string());
    case "NFC":
    case "NFD":
    case "NFKC":
    case "NFKD":
      return new UnicodeNormalizer(node.type);
    case "Lowercase":
      return new LowercaseNormalizer();
    case "Strip":
      return new StripNormalizer(node.get("strip_left").boolean(true), node.get("strip_right").boolean(true));
    case "StripAccents":
      return new StripAccentsNormalizer();
    case "Nmt":
      return new NmtNormalizer();
    case "Precompiled": {
      const blob = node.get("precompiled_charsmap");
      if (blob.isNull) return null;
      return new PrecompiledNormalizer(new PrecompiledCharsmap(base64Bytes(blob), `${node.file} (${blob.path})`));
    }
    case "BertNormalizer": {
      const strip = node.get("strip_accents");
      return new BertNormalizer(
        node.get("clean_text").boolean(true),
        node.get("handle_chinese_chars").boolean(true),
        strip.isNull ? null : strip.boolean(),
        node.get("lowercase").boolean(true),
      );
    }
    default:
      return node.get("type").unsupported(`normalizer type ${JSON.stringify(node.type)} is not supported`);
  }
}
