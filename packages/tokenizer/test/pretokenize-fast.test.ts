// The hand-written ASCII matchers of tiktoken's patterns (src/pretokenize/ascii-fast-paths.ts) must
// split exactly like the regex they stand in for. The reference is the same pattern compiled as a
// plain RegExp (which never takes the fast path), on the mixed parity corpus, the hard strings and
// random strings made of the characters where the patterns' alternatives meet.
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CL100K_PATTERN, O200K_PATTERN, R50K_PATTERN, RegexPretokenizer, rustPatternToJs } from "../src/index.js";
import { generateCorpus } from "./support/corpus.js";

const HARD_STRINGS: string[] = JSON.parse(readFileSync(new URL("./data/hard-strings.json", import.meta.url), "utf8"));

/** Characters at the edges of the patterns' classes: apostrophes and contraction letters (ſ too),
 *  ASCII and Unicode spaces, CR/LF, "/", capitals and small letters, digits, marks, CJK, emoji. */
const EDGE = [
  "'", "'", "s", "S", "ſ", "t", "T", "r", "R", "e", "E", "v", "V", "l", "L", "m", "M", "d", "D", "K", "k", "a", "Z",
  " ", " ", " ", "\t", "\r", "\n", "\r\n", "\v", "\f", "\u0085", "\u00a0", "\u3000", "/", "!", ".", "-", "\u0000", "\u007f",
  "0", "7", "9", "٣", "²", "é", "É", "\u0301", "ǅ", "ʰ", "日", "😀", "’",
];
const edgeStrings = fc.array(fc.constantFrom(...EDGE), { maxLength: 40 }).map((parts) => parts.join(""));

/** Strings where a wrong guess at one alternative would show (contractions with ſ and capitals, runs at the end). */
const TARGETED = [
  "abc'ſx", "Ab'ſ", "x'ſ", "'ſ", "don't", "DON'T", "it'LL", "we'Re", "'ve'", "I'm", "O'Neil", "l'été", "x'é", "'r", "'",
  "HTTPServer", "camelCaseWord", "ABCdef'sX", "a1234", "12345", "  x", "x  ", " \n\n x", "a\r\n\r\n  b", "!!!\n\n", " //\n/x",
  "a\u00a0b", "a \u3000b", "\u0085x", "x\u0301", "e\u0301'S", "\t\tfoo", "\r\nfoo", " 😀x", "😀's",
];

const PATTERNS = { r50k: R50K_PATTERN, cl100k: CL100K_PATTERN, o200k: O200K_PATTERN };

for (const [name, pattern] of Object.entries(PATTERNS)) {
  describe(`${name} pre-tokenizer: ASCII fast path`, () => {
    const fast = new RegexPretokenizer(pattern);
    const regexOnly = new RegexPretokenizer(new RegExp(rustPatternToJs(pattern), "u"));

    it("splits the mixed corpus and the hard strings exactly like the regex", () => {
      const corpus = generateCorpus(99, 400_000);
      expect(fast.split(corpus)).toEqual(regexOnly.split(corpus));
      for (const s of [...HARD_STRINGS, ...TARGETED]) expect(fast.split(s)).toEqual(regexOnly.split(s));
    });

    it("splits random strings of class-edge characters exactly like the regex", () => {
      fc.assert(
        fc.property(edgeStrings, (s) => {
          expect(fast.split(s)).toEqual(regexOnly.split(s));
        }),
        { numRuns: 3000 },
      );
    });
  });
}
