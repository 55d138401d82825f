// Exactness against the reference: the `tiktoken` npm package (OpenAI's Rust core compiled to WASM).
import { readFileSync } from "node:fs";
import type { Tiktoken } from "tiktoken";
import { beforeAll, describe, expect, it } from "vitest";
import type { TiktokenTokenizer } from "../src/index.js";
import { generateCorpus, generateDocuments } from "./support/corpus.js";
import { firstDifference, pair, refAllow, refPlain } from "./support/encodings.js";

const HARD_STRINGS: string[] = JSON.parse(readFileSync(new URL("./data/hard-strings.json", import.meta.url), "utf8"));
// ~1.5 M UTF-16 units ≈ 2.3 MB of UTF-8, shared by every encoding.
const DOCUMENTS = generateDocuments(20240611, 1_500_000);

function expectSameIds(ours: ArrayLike<number>, ref: ArrayLike<number>, text: string, label: string): void {
  const at = firstDifference(ours, ref);
  if (at >= 0) {
    const context = { at, ours: Array.from(ours).slice(Math.max(0, at - 3), at + 5), ref: Array.from(ref).slice(Math.max(0, at - 3), at + 5) };
    expect.fail(`${label}: ids differ at index ${at} ${JSON.stringify(context)} in text ${JSON.stringify(text.slice(0, 200))}`);
  }
}

for (const name of ["r50k_base", "p50k_base", "cl100k_base", "o200k_base"] as const) {
  describe(`${name} matches tiktoken`, () => {
    let ours: TiktokenTokenizer;
    let ref: Tiktoken;
    beforeAll(async () => {
      ({ ours, ref } = await pair(name));
    });
    // No ref.free(): tiktoken's wasm-bindgen wrapper throws "value borrowed" when freeing after encode_with_unstable; the worker exits anyway.

    it("has tiktoken's vocabulary size and special-token ids", () => {
      // The highest id tiktoken knows is vocabSize - 1; the next one is unknown to it.
      expect(ref.decode_single_token_bytes(ours.vocabSize - 1).length).toBeGreaterThan(0);
      expect(() => ref.decode_single_token_bytes(ours.vocabSize)).toThrow();
      for (const [text, id] of ours.specialTokens) expect([...ref.encode(text, "all")]).toEqual([id]);
      expect(ours.eosId).toBe(ref.encode("<|endoftext|>", "all")[0]);
    });

    it("gives identical ids on the curated hard strings (special text plain and allowed)", () => {
      for (const s of HARD_STRINGS) {
        expectSameIds(ours.encode(s), refPlain(ref, s), s, "plain");
        expectSameIds(ours.encode(s, { special: "allow" }), refAllow(ref, s), s, "allow");
      }
    });

    it("gives identical ids on a generated multi-megabyte mixed corpus", () => {
      let tokens = 0;
      for (const doc of DOCUMENTS) {
        const expected = refPlain(ref, doc);
        expectSameIds(ours.encode(doc), expected, doc, "plain");
        tokens += expected.length;
      }
      expect(tokens).toBeGreaterThan(300_000);
    });

    it("gives identical ids with special tokens allowed, and decodes tiktoken's ids to the same bytes", () => {
      for (const doc of DOCUMENTS.slice(0, 40)) {
        const expected = refAllow(ref, doc);
        expectSameIds(ours.encode(doc, { special: "allow" }), expected, doc, "allow");
        expect(ours.decodeBytes(expected)).toEqual(ref.decode(expected));
      }
    });

    it("encodes long runs of one character like tiktoken (one pre-token each)", () => {
      for (const s of [" ".repeat(5000), "a".repeat(5000), "7".repeat(5000), "\n".repeat(3000), "😀".repeat(2000), "ab".repeat(3000) + " "]) {
        expectSameIds(ours.encode(s), refPlain(ref, s), s, "run");
      }
    });
  });
}

describe("corpus generator", () => {
  it("produces the mix the parity tests rely on", () => {
    const text = generateCorpus(1, 200_000);
    for (const needle of ["\u0085", "\uFEFF", "\u3000", "\u200D", "<|endoftext|>", "'ll", "\t", "\r\n"]) expect(text).toContain(needle);
    expect(/[\u4e00-\u9fa5]/.test(text) && /[\u0600-\u06ff]/.test(text) && /[\u0300-\u036f]/.test(text)).toBe(true);
    expect(/[\ud800-\udbff](?![\udc00-\udfff])/.test(text)).toBe(true);
  });
});
