// Text for the format tests: a fixed list of hard strings and a seeded generator of mixed text.

/** Strings that break naive tokenizers: whitespace runs, newlines, BOM, NUL, emoji, CJK, RTL, marks. */
export const HARD_STRINGS: readonly string[] = [
  "",
  " ",
  "  ",
  "   ",
  "\n",
  "\n\n",
  "\r\n",
  "\t",
  "a",
  "Hello world",
  "Hello, World!",
  " leading space",
  "trailing space ",
  "  two  spaces  between  ",
  "tabs\t\tand\tspaces \t \n",
  "line one\nline two\n\nline four",
  "\ufeffleading byte-order mark",
  "x\ufeffy",
  "NUL\u0000inside",
  "\u0000",
  "next line\u0085here",
  "ideographic\u3000space",
  "no-break\u00a0space",
  "zero\u200bwidth",
  "don't won't I'm you're we've they'll she'd it's",
  "DON'T I'M YOU'RE",
  "12345678901234567890",
  "3.14159 1,000,000 0x1F600 v1.2.3-rc.4",
  "\u0661\u0662\u0663 \u0966\u0967\u0968",
  "emoji 😀 ok",
  "👨‍👩‍👧‍👦 family",
  "👩🏾‍💻 coding 🏳️‍🌈 🇫🇷🇯🇵 1️⃣ ❤️",
  "中文分词测试，很好。",
  "日本語のテキストです。カタカナ",
  "한국어 텍스트",
  "مرحبا بالعالم",
  "שלום עולם",
  "e\u0301 a\u0308 n\u0303 combining",
  "क्षत्रिय हिन्दी",
  "ภาษาไทย",
  "Ελληνικά Русский",
  "café naïve résumé Zürich Ångström",
  "function f(x) { return x => x * 2; } // ok",
  "#include <stdio.h>\nint main() { return 0; }\n",
  "    indented = 4\n\tindented = tab",
  "<s> </s> <unk> <0x0A> [INST] <<SYS>>",
  "<|endoftext|><|im_start|>user\nhi<|im_end|>",
  "a".repeat(300),
  " ".repeat(100),
  "ab ".repeat(50),
  "😀".repeat(20),
  "\u{10FFFF}\u{E000}\u{FFFD}",
];

/** A small deterministic PRNG (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  "the of and to in is was that for on with as by at from his her they be this have not are but had which one " +
  "were all we when there can an your time people language model token tokenizer transformer attention Lily Tim " +
  "once upon little girl named happy played park ball extraordinary international photosynthesis Hello World " +
  "JavaScript WebAssembly café naïve résumé München"
).split(" ");
const PARTS: readonly (readonly string[])[] = [
  [" ", " ", " ", "  ", "   ", "\n", "\n\n", "\t", "\r\n"],
  [".", ",", "!", "?", ";", ":", "...", "\"", "'", "(", ")", "-", "—", "’s", "'t", "'ll"],
  ["0", "7", "42", "1999", "3.14", "100000"],
  ["😀", "🎉", "👍🏽", "👨‍👩‍👧", "🇫🇷", "❤️", "✨"],
  ["中", "文", "字", "日本", "語", "한", "국", "テ", "キ", "。", "、"],
  ["مر", "حبا", "של", "ום", "é", "ü", "ñ", "ß", "e\u0301", "ж", "λ"],
  ["{", "}", "=>", "===", "()", "[]", "//", "#", "$", "%", "&&", "<", ">", "|"],
];

/** `count` strings of mixed text from `seed` (words, spaces, punctuation, digits, emoji, CJK, RTL, code). */
export function mixedStrings(seed: number, count: number, maxParts = 40): string[] {
  const rnd = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)];
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    let s = "";
    const n = 1 + Math.floor(rnd() * maxParts);
    for (let k = 0; k < n; k++) {
      const r = rnd();
      if (r < 0.45) s += (rnd() < 0.8 ? " " : "") + pick(WORDS);
      else if (r < 0.52) s += pick(WORDS).toUpperCase();
      else s += pick(pick(PARTS));
    }
    out.push(s);
  }
  return out;
}
