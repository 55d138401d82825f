// SentencePiece's text normalization (normalizer.cc). Without a precompiled character map
// (normalizer_spec.name "identity", e.g. Llama 2) only ASCII spaces are touched; with one (see
// charsmap.ts and normalizeWithCharsmap below) its rules rewrite the text first.
//   - remove_extra_whitespaces: drop leading and trailing spaces, collapse runs of spaces to one;
//   - add_dummy_prefix: put one space before the text (after it with treat_whitespace_as_suffix),
//     unless the text is empty after the removal above;
//   - escape_whitespaces: spaces become "▁" (U+2581).
// Lone surrogates become U+FFFD first (what TextEncoder would send to the C++ library).

import type { PrecompiledCharsmap } from "./charsmap.js";

export interface WhitespaceRules {
  addDummyPrefix: boolean;
  removeExtraWhitespaces: boolean;
  escapeWhitespaces: boolean;
  treatWhitespaceAsSuffix: boolean;
}

export interface NormalizedText {
  text: string;
  /** For each UTF-16 unit of `text` (and one past the end), the UTF-16 offset in the input it came from. */
  origin: Int32Array;
}

export const SPACE_SYMBOL = "\u2581";

export function normalizeWhitespace(input: string, rules: WhitespaceRules): NormalizedText {
  const n = input.length;
  const space = rules.escapeWhitespaces ? SPACE_SYMBOL : " ";
  const parts: string[] = [];
  const origin: number[] = [];
  const append = (s: string, from: number): void => {
    parts.push(s);
    for (let k = 0; k < s.length; k++) origin.push(from);
  };

  let i = 0;
  if (rules.removeExtraWhitespaces) while (i < n && input.charCodeAt(i) === 0x20) i++;
  if (i === n) return { text: "", origin: Int32Array.of(n) };
  const dummy = rules.addDummyPrefix;
  if (dummy && !rules.treatWhitespaceAsSuffix) append(space, i);

  let previousSpace = rules.removeExtraWhitespaces;
  while (i < n) {
    const c = input.charCodeAt(i);
    if (c === 0x20) {
      if (!previousSpace) append(space, i);
      previousSpace = rules.removeExtraWhitespaces;
      i++;
      continue;
    }
    previousSpace = false;
    if (c >= 0xd800 && c <= 0xdfff) {
      const d = i + 1 < n ? input.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
        append(input.slice(i, i + 2), i);
        origin[origin.length - 1] = i + 1;
        i += 2;
      } else append("\ufffd", i++);
      continue;
    }
    // Copy the run of ordinary characters in one slice.
    let j = i + 1;
    while (j < n) {
      const d = input.charCodeAt(j);
      if (d === 0x20 || (d >= 0xd800 && d <= 0xdfff)) break;
      j++;
    }
    parts.push(input.slice(i, j));
    for (let k = i; k < j; k++) origin.push(k);
    i = j;
  }
  let text = parts.join("");
  if (rules.removeExtraWhitespaces) {
    let end = text.length;
    while (end >= space.length && text.endsWith(space, end)) end -= space.length;
    if (end < text.length) {
      text = text.slice(0, end);
      origin.length = end;
    }
  }
  if (dummy && rules.treatWhitespaceAsSuffix) {
    text += space;
    for (let k = 0; k < space.length; k++) origin.push(n);
  }
  origin.push(n);
  return { text, origin: Int32Array.from(origin) };
}

const LONE_SURROGATE = /\p{Cs}/gu;

/** normalizeWhitespace(input, rules).text without the origin table (the encode hot path), same steps. */
export function normalizeWhitespaceText(input: string, rules: WhitespaceRules): string {
  let text = LONE_SURROGATE.test(input) ? input.replace(LONE_SURROGATE, "\ufffd") : input;
  LONE_SURROGATE.lastIndex = 0;
  const space = rules.escapeWhitespaces ? SPACE_SYMBOL : " ";
  if (rules.removeExtraWhitespaces) {
    let from = 0;
    while (from < text.length && text.charCodeAt(from) === 0x20) from++;
    text = text.slice(from).replace(/ {2,}/g, " ");
  }
  if (text.length === 0) return "";
  if (rules.escapeWhitespaces) text = text.replaceAll(" ", SPACE_SYMBOL);
  if (rules.addDummyPrefix && !rules.treatWhitespaceAsSuffix) text = space + text;
  if (rules.removeExtraWhitespaces) {
    let end = text.length;
    while (end >= space.length && text.endsWith(space, end)) end -= space.length;
    text = text.slice(0, end);
  }
  if (rules.addDummyPrefix && rules.treatWhitespaceAsSuffix) text += space;
  return text;
}

/**
 * Normalization with a precompiled character map, as normalizer.cc does it: the text is consumed in
 * chunks (the longest rule at each position, else one character; user-defined pieces are kept as
 * they are), and the whitespace rules then apply to the rewritten chunks.
 */
export function normalizeWithCharsmap(
  input: string,
  rules: WhitespaceRules,
  charsmap: PrecompiledCharsmap,
  userDefined: (text: string, at: number) => string | undefined,
): NormalizedText {
  const bytes = utf8Encoder.encode(input);
  // UTF-16 offset of every byte that starts a character.
  const unitAt = new Int32Array(bytes.length + 1);
  for (let u = 0, b = 0; u < input.length; u++) {
    const c = input.charCodeAt(u);
    const pair = c >= 0xd800 && c <= 0xdbff && (input.charCodeAt(u + 1) & 0xfc00) === 0xdc00;
    const width = c < 0x80 ? 1 : c < 0x800 ? 2 : pair ? 4 : 3;
    for (let k = 0; k < width; k++) unitAt[b + k] = u;
    b += width;
    if (pair) u++;
  }
  unitAt[bytes.length] = input.length;

  const chunks: [string, number][] = [];
  for (let b = 0; b < bytes.length; ) {
    const user = userDefined(input, unitAt[b]);
    if (user !== undefined) {
      chunks.push([user, unitAt[b]]);
      b += utf8Encoder.encode(user).length;
      continue;
    }
    const rule = charsmap.startsRule(bytes[b]) ? charsmap.longestMatch(bytes, b) : null;
    if (rule !== null) {
      chunks.push([rule[1], unitAt[b]]);
      b += rule[0];
      continue;
    }
    // One character, copied (a lone surrogate is U+FFFD, as its UTF-8 says).
    const length = utf8Length(bytes[b]);
    const unit = unitAt[b];
    const c = input.charCodeAt(unit);
    const pair = c >= 0xd800 && c <= 0xdbff && (input.charCodeAt(unit + 1) & 0xfc00) === 0xdc00;
    chunks.push([c >= 0xd800 && c <= 0xdfff && !pair ? "\ufffd" : input.slice(unit, unit + (pair ? 2 : 1)), unit]);
    b += length;
  }

  const space = rules.escapeWhitespaces ? SPACE_SYMBOL : " ";
  const parts: string[] = [];
  const origin: number[] = [];
  const append = (s: string, from: number): void => {
    parts.push(s);
    for (let k = 0; k < s.length; k++) origin.push(from);
  };
  let k = 0;
  if (rules.removeExtraWhitespaces) while (k < chunks.length && chunks[k][0] === " ") k++;
  if (k === chunks.length) return { text: "", origin: Int32Array.of(input.length) };
  if (rules.addDummyPrefix && !rules.treatWhitespaceAsSuffix) append(space, chunks[k][1]);
  let previousSpace = rules.removeExtraWhitespaces;
  for (; k < chunks.length; k++) {
    let [piece] = chunks[k];
    if (previousSpace) piece = piece.replace(/^ +/, "");
    if (piece.length > 0) {
      append(rules.escapeWhitespaces ? piece.replaceAll(" ", SPACE_SYMBOL) : piece, chunks[k][1]);
      previousSpace = piece.endsWith(" ");
    }
    if (!rules.removeExtraWhitespaces) previousSpace = false;
  }
  let text = parts.join("");
  if (rules.removeExtraWhitespaces) {
    let end = text.length;
    while (end >= space.length && text.endsWith(space, end)) end -= space.length;
    text = text.slice(0, end);
    origin.length = end;
  }
  if (rules.addDummyPrefix && rules.treatWhitespaceAsSuffix) {
    text += space;
    for (let u = 0; u < space.length; u++) origin.push(input.length);
  }
  origin.push(input.length);
  return { text, origin: Int32Array.from(origin) };
}

const utf8Encoder = new TextEncoder();

function utf8Length(lead: number): number {
  return lead < 0xc0 ? 1 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
}

