// Properties every tiktoken encoding must have, on arbitrary strings (fast-check): lossless round
// trip, streaming decode that never splits a character, offsets that tile the input, counting and
// limits that agree with encode, and the special-token policies.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { DisallowedSpecialTokenError, InvalidTokenIdError, type TiktokenTokenizer, getEncoding } from "../src/index.js";

const utf8 = new TextEncoder();
/** Well-formed strings of any code points, biased to the hard parts (spaces, newlines, astral, combining). */
const text = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 60 }),
  fc.string({ unit: fc.constantFrom(" ", "\n", "\t", "a", "é", "😀", "\u0301", "日", "'s", "1", "<|", "|>"), maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }), // any code point, never a lone surrogate
);

for (const name of ["cl100k_base", "o200k_base"] as const) {
  describe(`${name} properties`, () => {
    let enc: TiktokenTokenizer;
    beforeAll(async () => {
      enc = await getEncoding(name);
    });

    it("decode(encode(s)) === s for any well-formed string", () => {
      fc.assert(fc.property(text, (s) => enc.decode(enc.encode(s, { special: "plain" })) === s), { numRuns: 400 });
    });

    it("the stream decoder emits only whole characters and adds up to the text", () => {
      fc.assert(
        fc.property(text, (s) => {
          const stream = enc.streamDecoder();
          let out = "";
          for (const id of enc.encode(s, { special: "plain" })) {
            const delta = stream.push(id);
            // A delta never ends inside a surrogate pair nor carries a replacement character the input lacks.
            if (delta.length > 0 && /[\uD800-\uDBFF]$/.test(delta)) return false;
            if (delta.includes("\uFFFD") && !s.includes("\uFFFD")) return false;
            out += delta;
          }
          return out + stream.flush() === s;
        }),
        { numRuns: 300 },
      );
    });

    it("offsets tile the input in UTF-16 units and in UTF-8 bytes", () => {
      fc.assert(
        fc.property(text, (s) => {
          const spans = enc.encodeWithOffsets(s, { special: "plain" });
          expect(spans.map((t) => t.id)).toEqual(enc.encode(s, { special: "plain" }));
          let byte = 0;
          for (const t of spans) {
            expect(t.byteStart).toBe(byte);
            byte = t.byteEnd;
          }
          expect(byte).toBe(utf8.encode(s).length);
          if (spans.length > 0) expect([spans[0]!.start, spans.at(-1)!.end]).toEqual([0, s.length]);
        }),
        { numRuns: 200 },
      );
    });

    it("count and isWithinTokenLimit agree with encode", () => {
      fc.assert(
        fc.property(text, fc.nat(30), (s, limit) => {
          const n = enc.encode(s, { special: "plain" }).length;
          expect(enc.count(s, { special: "plain" })).toBe(n);
          expect(enc.isWithinTokenLimit(s, limit, { special: "plain" })).toBe(n <= limit ? n : false);
        }),
        { numRuns: 200 },
      );
    });

    it("special-token text: allowed → its id, refused → typed error, plain → ordinary tokens", () => {
      const s = "a<|endoftext|>b";
      const eot = enc.specialTokens.get("<|endoftext|>")!;
      expect(enc.encode(s, { special: "allow" })).toContain(eot);
      expect(() => enc.encode(s, { special: "error" })).toThrow(DisallowedSpecialTokenError);
      expect(enc.encode(s, { special: "plain" })).not.toContain(eot);
      expect(enc.decode(enc.encode(s, { special: "allow" }))).toBe(s);
    });

    it("out-of-range and non-integer ids are refused by decode with the index named", () => {
      expect(() => enc.decode([1, enc.vocabSize])).toThrow(InvalidTokenIdError);
      expect(() => enc.decode([1, -1])).toThrow(/index 1|at 1|\[1\]/);
      expect(() => enc.decode([0.5])).toThrow(InvalidTokenIdError);
    });
  });
}
