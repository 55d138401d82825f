import { Tokenizer as HfTokenizer } from "@anush008/tokenizers";
import { readFixture } from "@wasmformer/test-fixtures";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { InvalidTokenIdError, TokenizerFileError, loadLlama2cTokenizer, type Llama2cTokenizer } from "../src/index.js";
import { HARD_STRINGS, mixedStrings } from "./support/formats-corpus.js";
import {
  type ReferenceVocab,
  parseTokenizerBin,
  runcPrinted,
  runcEncode,
  tokenizerJsonFromVocab,
} from "./support/formats-llama2c-reference.js";

const STORY =
  "Once upon a time, there was a little girl named Lily. She loved to play outside in the park. One day, she saw a big, red ball. " +
  "She wanted to play with it, but it was too high.\nLily's mom said, \"Lily, let's go to the park.\" Lily was sad and didn't know what to do.";

/** Corpus for reference comparisons. run.c reads a C string, so no NUL there. */
const CORPUS = [...HARD_STRINGS, ...mixedStrings(7, 250)];
const C_STRINGS = CORPUS.filter((s) => !s.includes("\u0000"));

describe.each([
  ["llama2c/tokenizer.bin", 32000],
  ["llama2c/tok512.bin", 512],
])("llama2.c %s", (fixture, vocabSize) => {
  let ours: Llama2cTokenizer;
  let vocab: ReferenceVocab;
  let hf: HfTokenizer;

  beforeAll(() => {
    const bytes = readFixture(fixture);
    ours = loadLlama2cTokenizer(bytes, { file: fixture });
    vocab = parseTokenizerBin(bytes);
    hf = HfTokenizer.fromString(tokenizerJsonFromVocab(vocab));
  });

  it("reads the whole vocabulary and run.c's fixed ids", () => {
    expect(ours.vocabSize).toBe(vocabSize);
    expect([ours.unkId, ours.bosId, ours.eosId]).toEqual([0, 1, 2]);
    expect(Object.fromEntries(ours.specialTokens)).toEqual({ "<unk>": 0, "<s>": 1, "</s>": 2 });
    expect(ours.idToPiece(3 + 0x0a)).toBe("<0x0A>");
    expect(ours.pieceToId("<0x0A>")).toBe(13);
    expect(loadLlama2cTokenizer(readFixture(fixture), { vocabSize }).vocabSize).toBe(vocabSize);
  });

  it("encodes exactly like run.c's encode (BOS/EOS flags, dummy prefix, merges, byte fallback)", () => {
    for (const text of C_STRINGS) {
      expect(ours.encode(text), JSON.stringify(text)).toEqual(runcEncode(vocab, text, true, false));
      expect(ours.encode(text, { bos: false, eos: true }), JSON.stringify(text)).toEqual(runcEncode(vocab, text, false, true));
    }
    expect(ours.encode(STORY)).toEqual(runcEncode(vocab, STORY, true, false));
  });

  it("equals the Rust tokenizers library on the equivalent SentencePiece BPE tokenizer.json (ids and pieces)", async () => {
    for (const text of CORPUS) {
      const ref = await hf.encode(text);
      // Hugging Face always matches added tokens in the text: compare with the "allow" policy.
      expect(ours.encode(text, { special: "allow" }), JSON.stringify(text)).toEqual(ref.getIds());
      expect(ours.encodeWithOffsets(text, { special: "allow" }).map((s) => s.piece), JSON.stringify(text)).toEqual(ref.getTokens());
    }
  });

  it("decodes like run.c prints (space dropped after BOS, <0xNN> as raw bytes)", () => {
    for (const text of C_STRINGS) {
      const ids = runcEncode(vocab, text, true, false);
      expect(ours.decodeBytes(ids, { skipSpecial: true }), JSON.stringify(text)).toEqual(runcPrinted(vocab, ids));
      expect(ours.decode(ids, { skipSpecial: true })).toBe(text);
      expect(ours.decode(ids)).toBe(`<s>${text}`);
    }
  });

  it("streams the same text as batch decode for every split, never splitting a character", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 40 }), fc.boolean(), (text, skipSpecial) => {
        const ids = ours.encode(text);
        const stream = ours.streamDecoder({ skipSpecial });
        let streamed = "";
        for (const id of ids) {
          streamed += stream.push(id);
        }
        streamed += stream.flush();
        expect(streamed).toBe(ours.decode(ids, { skipSpecial }));
      }),
      { numRuns: 300 },
    );
  });

  it("round-trips every string of valid Unicode; lone surrogates encode as U+FFFD", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 60 }), (text) => {
        expect(ours.decode(ours.encode(text), { skipSpecial: true })).toBe(text);
      }),
      { numRuns: 500 },
    );
    expect(ours.encode("a\ud800b")).toEqual(ours.encode("a\ufffdb"));
    expect(ours.encode("\udfff")).toEqual(ours.encode("\ufffd"));
    for (const text of ["\u0000", "NUL\u0000inside", "\ufeff", "\ufeffBOM"]) expect(ours.decode(ours.encode(text), { skipSpecial: true })).toBe(text);
  });

  it("gives offsets that tile the input, in UTF-16 units and UTF-8 bytes", () => {
    // encode() merges word by word (cached); encodeWithOffsets() merges the whole text at once.
    const long = CORPUS.join(" ");
    expect(ours.encode(long)).toEqual(ours.encodeWithOffsets(long).map((s) => s.id));
    for (const text of CORPUS) {
      const spans = ours.encodeWithOffsets(text, { bos: false });
      expect(spans.map((s) => s.id)).toEqual(ours.encode(text, { bos: false }));
      const bytes = new TextEncoder().encode(text);
      let byte = 0;
      for (const span of spans) {
        expect(span.byteStart).toBe(byte);
        byte = span.byteEnd;
        const own = ours.decodeBytes([span.id]);
        // The dummy prefix " " has no width; other tokens are their bytes of the input.
        if (span.byteEnd > span.byteStart) expect(bytes.subarray(span.byteStart, span.byteEnd)).toEqual(own.subarray(own.length - (span.byteEnd - span.byteStart)));
        expect(span.start).toBeLessThanOrEqual(span.end);
      }
      expect(byte).toBe(bytes.length);
      if (spans.length > 0) expect(spans[spans.length - 1].end).toBe(text.length);
    }
    // Byte-fallback tokens inside one character all cover that character in UTF-16 terms.
    const spans = ours.encodeWithOffsets("a\u{1F9CC}", { bos: false });
    for (const s of spans.filter((span) => span.byteStart >= 1)) expect([s.start, s.end]).toEqual([1, 3]);
  });

  it("handles special-token text per policy and counts like encode", () => {
    const text = "Hi<s>there</s>";
    expect(ours.encode(text, { special: "allow", bos: false })).toEqual([
      ...ours.encode("Hi", { bos: false }), 1, ...ours.encode("there", { bos: false }), 2,
    ]);
    expect(ours.encode(text)).toEqual(runcEncode(vocab, text, true, false));
    expect(() => ours.encode(text, { special: "error" })).toThrow(/<s>.*offset 2/);
    for (const s of CORPUS.slice(0, 60)) {
      expect(ours.count(s)).toBe(ours.encode(s).length);
      expect(ours.isWithinTokenLimit(s, 5)).toBe(ours.encode(s).length <= 5 ? ours.encode(s).length : false);
    }
  });

  it("rejects ids outside the vocabulary with a typed error naming the index", () => {
    expect(() => ours.decode([1, 5, vocabSize])).toThrow(InvalidTokenIdError);
    expect(() => ours.decode([1, 5, vocabSize])).toThrow(/ids\[2\]/);
    expect(() => ours.decode([-1])).toThrow(RangeError);
    expect(() => ours.idToPiece(1.5)).toThrow(InvalidTokenIdError);
  });

  it("merges 100 000 identical characters without a quadratic blow-up", () => {
    for (const text of ["a".repeat(100_000), " ".repeat(100_000), "中".repeat(30_000)]) {
      const ids = ours.encode(text);
      expect(ours.decode(ids, { skipSpecial: true })).toBe(text);
    }
  });
});

describe("llama2.c tokenizer.bin: hostile files", () => {
  const header = (max: number) => new Uint8Array(new Int32Array([max]).buffer);
  const record = (score: number, length: number, bytes: number[] = []) => {
    const b = new Uint8Array(8 + bytes.length);
    new DataView(b.buffer).setFloat32(0, score, true);
    new DataView(b.buffer).setInt32(4, length, true);
    b.set(bytes, 8);
    return b;
  };
  const file = (...parts: Uint8Array[]) => {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let o = 0;
    for (const p of parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  };
  const fails = (bytes: Uint8Array, pattern: RegExp, offset: number, options = {}) => {
    let error: unknown;
    try {
      loadLlama2cTokenizer(bytes, { file: "evil.bin", ...options });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TokenizerFileError);
    const e = error as TokenizerFileError;
    expect(e.code).toBe("MALFORMED_FILE");
    expect(e.file).toBe("evil.bin");
    expect(e.offset).toBe(offset);
    expect(e.message).toMatch(pattern);
    expect(e.message).toContain(`offset ${offset}`);
  };

  it("names the offset of truncated, negative and oversized records", () => {
    fails(new Uint8Array(2), /too short/, 0);
    fails(header(-5), /max_token_length is -5/, 0);
    fails(file(header(4)), /no tokens/, 4);
    fails(file(header(4), record(0, 1, [65]), new Uint8Array(3)), /ends inside token 1/, 13);
    fails(file(header(4), record(0, -7)), /negative byte length -7/, 8);
    fails(file(header(4), record(0, 0x7fffffff)), /more than max_token_length/, 8);
    fails(file(header(0x7fffffff), record(0, 0x7ffffff0)), /claims 2147483632 bytes but only 0 remain/, 8);
    fails(file(header(4), record(0, 3, [65, 66])), /claims 3 bytes but only 2 remain/, 8);
  });

  it("refuses a claimed vocabulary of 2^31 - 1 tokens before allocating anything", () => {
    fails(file(header(4), record(0, 1, [65])), /2147483647 tokens needs at least/, 4, { vocabSize: 0x7fffffff });
  });

  it("still cuts the real file at every kind of boundary without crashing", () => {
    const real = readFixture("llama2c/tok512.bin");
    for (const cut of [0, 3, 4, 7, 11, 12, 13, 100, 1001, real.length - 1]) {
      expect(() => loadLlama2cTokenizer(real.subarray(0, cut), { vocabSize: 512 })).toThrow(TokenizerFileError);
    }
  });
});
