// A seeded generator of mixed text for differential tests: prose with contractions, code, CJK,
// emoji ZWJ sequences, RTL scripts, combining marks, whitespace runs (incl. U+0085, U+FEFF, U+3000),
// digits, special-token text and a few lone surrogates. Characters come from long-assigned Unicode
// blocks so that engines built on different Unicode versions agree on their categories.
import { seededRandom } from "./rng.js";

const WORDS = (
  "the of and to in is was that for on with as by at from his her they be this have not are but had " +
  "which one were all we when there can an your more if has will their would about out so up what " +
  "time people language model token tokenizer transformer attention matrix vector learning running " +
  "quickly beautiful extraordinary international encyclopedia photosynthesis antidisestablishment " +
  "Hello World OpenAI JavaScript TypeScript WebAssembly SIMD GPU café naïve résumé façade Zürich " +
  "München São Paulo Ångström"
).split(" ");
const CONTRACTIONS = ["'s", "'t", "'re", "'ve", "'m", "'ll", "'d", "'S", "'T", "'RE", "'Ve", "'LL", "'D", "’s", "’ll", "'ſ", "'K"];
const PUNCT = [".", ",", "!", "?", ";", ":", "...", " -", " —", "\"", "(", ")", "'", "/"];
const CODE_TOKENS = [
  "function", "const", "let", "return", "if", "else", "for", "while", "=>", "===", "!==", "+=", "{", "}",
  "(", ")", "[", "]", ";", "//", "/*", "*/", "#include", "<stdio.h>", "std::vector<int>", "self.x", "0x1F",
  "__init__", "async", "await", "null", "undefined", "True", "None", "i++", "&&", "||", "->", "::", "@",
  "\"str\"", "'c'", "`tpl ${x}`", "\\n", "\\t", "%d", "$var", "#!/bin/sh",
];
const EMOJI = [
  "😀", "🎉", "👍🏽", "👨‍👩‍👧‍👦", "👩🏾‍💻", "🏳️‍🌈", "🇫🇷", "🇯🇵", "1️⃣", "❤️", "🧑‍🤝‍🧑", "👁️‍🗨️", "🐈‍⬛", "🤷‍♀️", "✊🏿",
];
const WHITESPACE_PARTS = [" ", " ", " ", "  ", "\t", "\n", "\n\n", "\r\n", "\u0085", "\uFEFF", "\u3000", "\u00A0", "\u2028", "\u2009", "\u200B", "\f", "\v"];
const SPECIAL_TEXT = [
  "<|endoftext|>", "<|fim_prefix|>", "<|fim_middle|>", "<|fim_suffix|>", "<|endofprompt|>", "<|endoftext", "|endoftext|>", "<|endoftext|>|>",
];

function pick<T>(rnd: () => number, items: readonly T[]): T {
  return items[Math.floor(rnd() * items.length)];
}

function range(rnd: () => number, from: number, to: number): string {
  return String.fromCodePoint(from + Math.floor(rnd() * (to - from + 1)));
}

function prose(rnd: () => number): string {
  let s = "";
  const n = 5 + Math.floor(rnd() * 25);
  for (let i = 0; i < n; i++) {
    let w = pick(rnd, WORDS);
    const r = rnd();
    if (r < 0.1) w = w[0].toUpperCase() + w.slice(1);
    else if (r < 0.13) w = w.toUpperCase();
    s += (i > 0 ? " " : "") + w;
    if (rnd() < 0.12) s += pick(rnd, CONTRACTIONS);
    if (rnd() < 0.15) s += pick(rnd, PUNCT);
  }
  return s + pick(rnd, [". ", ".\n", "!\n\n", "? ", "\n"]);
}

function code(rnd: () => number): string {
  let s = "";
  const lines = 1 + Math.floor(rnd() * 8);
  for (let l = 0; l < lines; l++) {
    s += (rnd() < 0.3 ? "\t" : " ").repeat(Math.floor(rnd() * 9));
    const n = 1 + Math.floor(rnd() * 8);
    for (let i = 0; i < n; i++) s += pick(rnd, CODE_TOKENS) + (rnd() < 0.6 ? " " : "");
    s += rnd() < 0.1 ? "\r\n" : "\n";
  }
  return s;
}

function cjk(rnd: () => number): string {
  let s = "";
  const n = 3 + Math.floor(rnd() * 30);
  for (let i = 0; i < n; i++) {
    const r = rnd();
    if (r < 0.5) s += range(rnd, 0x4e00, 0x9fa5);
    else if (r < 0.65) s += range(rnd, 0x3041, 0x3093);
    else if (r < 0.75) s += range(rnd, 0x30a1, 0x30f6);
    else if (r < 0.9) s += range(rnd, 0xac00, 0xd7a3);
    else s += pick(rnd, ["、", "。", "「", "」", "！", "？", "\u3000", "ー", "１２３"]);
  }
  return s;
}

function rtl(rnd: () => number): string {
  let s = "";
  const n = 2 + Math.floor(rnd() * 10);
  for (let i = 0; i < n; i++) {
    const hebrew = rnd() < 0.4;
    const len = 2 + Math.floor(rnd() * 6);
    for (let k = 0; k < len; k++) {
      s += hebrew ? range(rnd, 0x05d0, 0x05ea) : range(rnd, 0x0627, 0x064a);
      if (rnd() < 0.3) s += hebrew ? range(rnd, 0x05b0, 0x05bc) : range(rnd, 0x064b, 0x0652);
    }
    s += pick(rnd, [" ", " ", "\u200F ", "\u200E", "، ", "? ", " ١٢٣ "]);
  }
  return s;
}

function combining(rnd: () => number): string {
  let s = "";
  const n = 2 + Math.floor(rnd() * 12);
  for (let i = 0; i < n; i++) {
    const r = rnd();
    if (r < 0.5) {
      s += range(rnd, 0x61, 0x7a);
      const marks = Math.floor(rnd() * 4);
      for (let k = 0; k < marks; k++) s += range(rnd, 0x0300, 0x036f);
    } else if (r < 0.75) s += range(rnd, 0x0915, 0x0939) + pick(rnd, ["", "\u094D", "\u093F", "\u0940", "\u0902", "\u094D\u0937"]);
    else if (r < 0.9) s += range(rnd, 0x0e01, 0x0e2e) + pick(rnd, ["", "\u0e31", "\u0e34", "\u0e48", "\u0e49"]);
    else s += range(rnd, 0x0391, 0x03c9) + range(rnd, 0x0410, 0x044f);
    if (rnd() < 0.2) s += " ";
  }
  return s;
}

function whitespace(rnd: () => number): string {
  let s = "";
  const n = 1 + Math.floor(rnd() * 6);
  for (let i = 0; i < n; i++) s += pick(rnd, WHITESPACE_PARTS).repeat(1 + Math.floor(rnd() * (rnd() < 0.1 ? 40 : 3)));
  return s + (rnd() < 0.5 ? pick(rnd, WORDS) : "");
}

function digits(rnd: () => number): string {
  const r = rnd();
  const n = (len: number) => {
    let s = "";
    for (let i = 0; i < len; i++) s += String(Math.floor(rnd() * 10));
    return s;
  };
  if (r < 0.3) return ` ${n(1 + Math.floor(rnd() * 12))}`;
  if (r < 0.5) return ` ${n(1)},${n(3)},${n(3)}.${n(2)}`;
  if (r < 0.7) return `${n(4)}-${n(2)}-${n(2)}T${n(2)}:${n(2)}`;
  if (r < 0.85) return ` ${n(2)}%${n(3)}`;
  return ` ${pick(rnd, ["١٢٣٤", "०१२३", "①②", "Ⅻ", "¾", "²³"])}${n(2)}`;
}

function emoji(rnd: () => number): string {
  let s = "";
  const n = 1 + Math.floor(rnd() * 5);
  for (let i = 0; i < n; i++) s += pick(rnd, EMOJI) + (rnd() < 0.5 ? " " : "");
  return s;
}

function special(rnd: () => number): string {
  return pick(rnd, ["", " ", "\n"]) + pick(rnd, SPECIAL_TEXT) + pick(rnd, ["", " ", "x", "\n"]);
}

function symbols(rnd: () => number): string {
  let s = "";
  const n = 1 + Math.floor(rnd() * 10);
  for (let i = 0; i < n; i++)
    s += pick(rnd, [range(rnd, 0x2190, 0x21ff), range(rnd, 0x2200, 0x22ff), range(rnd, 0x2500, 0x257f), range(rnd, 0xa1, 0xff), range(rnd, 0x20a0, 0x20b5)]);
  return s;
}

function loneSurrogate(rnd: () => number): string {
  return pick(rnd, ["\uD800", "\uDFFF", "x\uDC00y", "\uD83D", " \uDE00"]);
}

const KINDS: [number, (rnd: () => number) => string][] = [
  [30, prose], [14, code], [8, cjk], [6, rtl], [6, combining], [8, whitespace], [7, digits], [5, emoji],
  [3, special], [4, symbols], [0.5, loneSurrogate],
];
const TOTAL = KINDS.reduce((a, [w]) => a + w, 0);

/** About `length` UTF-16 units of mixed text, identical for a given seed. */
export function generateCorpus(seed: number, length: number): string {
  const rnd = seededRandom(seed);
  const parts: string[] = [];
  let size = 0;
  while (size < length) {
    let r = rnd() * TOTAL;
    let kind = KINDS[0][1];
    for (const [w, f] of KINDS) {
      if ((r -= w) < 0) {
        kind = f;
        break;
      }
    }
    const part = kind(rnd);
    parts.push(part);
    size += part.length;
  }
  return parts.join("");
}

/** The corpus cut into documents of varying length (as an application would send them). */
export function generateDocuments(seed: number, length: number): string[] {
  const text = generateCorpus(seed, length);
  const rnd = seededRandom(seed ^ 0x5eed);
  const docs: string[] = [];
  for (let i = 0; i < text.length; ) {
    const n = 1 + Math.floor(rnd() * 20_000);
    docs.push(text.slice(i, i + n));
    i += n;
  }
  return docs;
}
