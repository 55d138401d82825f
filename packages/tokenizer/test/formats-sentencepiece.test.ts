import { Tokenizer as HfTokenizer, precompiled } from "@anush008/tokenizers";
import { readFixture } from "@wasmformer/test-fixtures";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import {
  type SentencePieceTokenizer,
  TokenizerFileError,
  UnsupportedFormatError,
  loadSentencePieceTokenizer,
  readSentencePieceModel,
} from "../src/index.js";
import { PrecompiledCharsmap } from "../src/sentencepiece/charsmap.js";
import { normalizeWhitespace, normalizeWhitespaceText } from "../src/sentencepiece/normalize.js";
import { applyRulesLongestFirst, buildCharsmap } from "./support/formats-darts.js";
import { HARD_STRINGS, mixedStrings } from "./support/formats-corpus.js";
import { parseTokenizerBin, tokenizerJsonFromVocab } from "./support/formats-llama2c-reference.js";
import { boolField, bytesField, concat, int32Field, modelProto, stringField, varint } from "./support/formats-protobuf-writer.js";

const MODEL = "llama2c/tokenizer.model";
const CORPUS = [...HARD_STRINGS, ...mixedStrings(11, 300), "x\u2581y", "\u2581", "\u2581\u2581 a"];

describe("SentencePiece tokenizer.model (Llama 2)", () => {
  let ours: SentencePieceTokenizer;
  let hf: HfTokenizer;

  beforeAll(() => {
    ours = loadSentencePieceTokenizer(readFixture(MODEL), { file: MODEL });
    // The reference: the Rust tokenizers library on the tokenizer.json equivalent to the same
    // vocabulary, built from llama2.c's export of it (tokenizer.bin), not from our protobuf reader.
    hf = HfTokenizer.fromString(tokenizerJsonFromVocab(parseTokenizerBin(readFixture("llama2c/tokenizer.bin"))));
  });

  it("reads the pieces, scores, types and specs of the protobuf", () => {
    const model = readSentencePieceModel(readFixture(MODEL));
    const bin = parseTokenizerBin(readFixture("llama2c/tokenizer.bin"));
    expect(model.pieces.length).toBe(32000);
    const utf8 = new TextDecoder("utf-8", { ignoreBOM: true });
    for (let id = 3; id < 32000; id++) {
      expect(model.pieces[id].piece.replaceAll("\u2581", " ")).toBe(utf8.decode(bin.pieces[id]));
      expect(model.pieces[id].score).toBe(bin.scores[id]);
    }
    expect(model.pieces.slice(0, 4)).toEqual([
      { piece: "<unk>", score: 0, type: "unknown" },
      { piece: "<s>", score: 0, type: "control" },
      { piece: "</s>", score: 0, type: "control" },
      { piece: "<0x00>", score: 0, type: "byte" },
    ]);
    expect(model.trainerSpec).toMatchObject({ modelType: "bpe", vocabSize: 32000, byteFallback: true, unkId: 0, bosId: 1, eosId: 2, padId: -1 });
    expect(model.normalizerSpec).toMatchObject({ name: "identity", addDummyPrefix: true, removeExtraWhitespaces: false, escapeWhitespaces: true });
    expect([ours.unkId, ours.bosId, ours.eosId, ours.padId]).toEqual([0, 1, 2, undefined]);
  });

  it("gives the reference's ids and pieces on hard strings and mixed text", async () => {
    for (const text of CORPUS) {
      const ref = await hf.encode(text);
      const label = JSON.stringify(text);
      // The reference adds <s> and always matches added tokens.
      expect(ours.encode(text, { bos: true, special: "allow" }), label).toEqual(ref.getIds());
      expect(ours.encodeWithOffsets(text, { bos: true, special: "allow" }).map((s) => s.piece), label).toEqual(ref.getTokens());
    }
  });

  it("decodes like the reference (dummy prefix dropped, byte pieces joined into UTF-8)", async () => {
    for (const text of CORPUS) {
      const ids = ours.encode(text, { bos: true });
      expect(ours.decode(ids, { skipSpecial: true }), JSON.stringify(text)).toBe(await hf.decode(ids, true));
    }
    expect(ours.decode([0, 921])).toBe(" \u2047  x"); // <unk> prints unk_surface
    expect(ours.decode([1, 921, 921])).toBe("<s>x x");
    expect(ours.decode([29871, 921])).toBe(" x"); // only the first piece loses its "▁"
  });

  it("round-trips every string of valid Unicode, and streams what it decodes", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 50 }), (text) => {
        const ids = ours.encode(text);
        // SentencePiece reads "▁" as a space: those strings come back with spaces.
        expect(ours.decode(ids)).toBe(text.replaceAll("\u2581", " "));
        const stream = ours.streamDecoder();
        let out = "";
        for (const id of ids) out += stream.push(id);
        expect(out + stream.flush()).toBe(ours.decode(ids));
      }),
      { numRuns: 500 },
    );
    expect(ours.encode("\ud800")).toEqual(ours.encode("\ufffd"));
  });

  it("gives offsets that tile the input", () => {
    // encode() merges word by word (cached); encodeWithOffsets() merges the whole text at once.
    const long = CORPUS.join(" ");
    expect(ours.encode(long)).toEqual(ours.encodeWithOffsets(long).map((s) => s.id));
    for (const text of CORPUS) {
      const spans = ours.encodeWithOffsets(text);
      expect(spans.map((s) => s.id)).toEqual(ours.encode(text));
      let byte = 0;
      let unit = 0;
      for (const s of spans) {
        expect(s.byteStart).toBe(byte);
        expect(s.start).toBeGreaterThanOrEqual(unit);
        byte = s.byteEnd;
        unit = s.start;
      }
      expect(byte).toBe(new TextEncoder().encode(text).length);
    }
    expect(ours.encodeWithOffsets("a b").map((s) => [s.piece, s.start, s.end])).toEqual([["\u2581a", 0, 1], ["\u2581b", 1, 3]]);
    expect(ours.encodeWithOffsets("中").map((s) => [s.piece, s.start, s.end, s.byteStart, s.byteEnd])).toEqual([
      ["\u2581", 0, 0, 0, 0],
      ["中", 0, 1, 0, 3],
    ]);
  });

  it("encodes 100 000 identical characters", () => {
    for (const text of ["a".repeat(100_000), " ".repeat(100_000)]) expect(ours.decode(ours.encode(text))).toBe(text);
  });
});

describe("SentencePiece normalizer and model options (hand-computed expectations)", () => {
  const pieces = (extra: [string, number, number?][]) => [
    ["<unk>", 0, 2],
    ["<s>", 0, 3],
    ["</s>", 0, 3],
    ...extra,
  ] as [string, number, number?][];
  const BPE = int32Field(3, 2);
  const vocab: [string, number][] = [["\u2581", -1], ["a", -2], ["b", -3], ["\u2581a", -4], ["ab", -5], ["\u2581ab", -6]];

  it("remove_extra_whitespaces trims and collapses spaces; add_dummy_prefix off", () => {
    const t = loadSentencePieceTokenizer(modelProto(pieces(vocab), [BPE], [boolField(3, false), boolField(4, true)]));
    // "  ab   a " → "ab▁a": a+b merge (score -5) then ▁+a (-4 beats nothing left).
    expect(t.encodeWithOffsets("  ab   a ").map((s) => s.piece)).toEqual(["ab", "\u2581a"]);
    expect(t.encode("   ")).toEqual([]);
    // Decoding drops every leading "▁" while the text is still empty (the library's rule with this flag).
    expect(t.decode([3, 3, 7, 3, 4])).toBe("ab a");
  });

  it("merges by highest score, leftmost first, and falls back to <unk> without byte pieces", () => {
    const t = loadSentencePieceTokenizer(modelProto(pieces(vocab), [BPE], [boolField(4, false)]));
    // "▁ab": pairs ▁a (-4) and ab (-5): ▁a first, then ▁a+b = ▁ab (-6).
    expect(t.encode("ab").map((id) => t.idToPiece(id))).toEqual(["\u2581ab"]);
    // "▁bab": only ab is a piece.
    expect(t.encode("bab").map((id) => t.idToPiece(id))).toEqual(["\u2581", "b", "ab"]);
    // "▁aab": ▁a (-4) at 0 beats ab (-5) at 2; then ▁a+a is no piece, ab merges.
    expect(t.encode("aab").map((id) => t.idToPiece(id))).toEqual(["\u2581a", "ab"]);
    // Equal scores: the leftmost pair first.
    const tie = loadSentencePieceTokenizer(modelProto(pieces([["\u2581", -1], ["x", -2], ["xx", -3]]), [BPE], []));
    expect(tie.encode("xxx").map((id) => tie.idToPiece(id))).toEqual(["\u2581", "xx", "x"]);
    expect(t.encode("zb")).toEqual([3, 0, 5]); // ▁, <unk> for "z", b
    expect(t.decode(t.encode("zb"))).toBe(" \u2047 b");
    // Without remove_extra_whitespaces only the first piece's "▁" is the dummy prefix.
    expect(t.decode([3, 3, 7])).toBe(" ab");
  });

  it("matches user-defined pieces whole before merging", () => {
    const t = loadSentencePieceTokenizer(modelProto(pieces([...vocab, ["<sep>", 0, 4]]), [BPE], [boolField(4, false)]));
    expect(t.encode("a<sep>b").map((id) => t.idToPiece(id))).toEqual(["\u2581a", "<sep>", "b"]);
  });
});

describe("SentencePiece whitespace normalization", () => {
  it("the encode fast path gives the same text as the offset-tracking normalizer, for every flag combination", () => {
    const text = fc.string({ unit: fc.constantFrom(" ", " ", "\u2581", "a", "\n", "\ud800", "😀"), maxLength: 12 });
    fc.assert(
      fc.property(text, fc.boolean(), fc.boolean(), fc.boolean(), fc.boolean(), (input, addDummyPrefix, removeExtraWhitespaces, escapeWhitespaces, treatWhitespaceAsSuffix) => {
        const rules = { addDummyPrefix, removeExtraWhitespaces, escapeWhitespaces, treatWhitespaceAsSuffix };
        const tracked = normalizeWhitespace(input, rules);
        expect(normalizeWhitespaceText(input, rules)).toBe(tracked.text);
        expect(tracked.origin.length).toBe(tracked.text.length + 1);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("SentencePiece precompiled character map (nmt_nfkc-style normalization)", () => {
  const rules: [string, string][] = [
    ..."ＡＢＣＤＥａｂｃ０１２".split("").map((c): [string, string] => [c, c.normalize("NFKC")]),
    ["\ufb01", "fi"],
    ["\u3000", " "],
    ["\t", " "],
    ["\u00a0", " "],
    ["A\u030a", "\u00c5"],
    ["ab", "X"],
    ["abc", "Y"],
    ["\u2460", "1"],
    ["\u{1F600}", ":)"],
    ["zz", ""],
  ];
  const blob = buildCharsmap(rules);
  const texts = ["", "ＡＢＣ abc ａｂｃ", "abcd abd ab a", "\ufb01ne\u3000\u3000x\ty", "A\u030a A \u00c5", "\u2460\u{1F600}😀", "zzz zz!", ...mixedStrings(12, 60)];

  it("reads rules from the double array (longest rule first) like an independent reference", () => {
    const charsmap = new PrecompiledCharsmap(blob, "test");
    for (const text of texts) {
      const bytes = new TextEncoder().encode(text);
      let out = "";
      for (let b = 0; b < bytes.length; ) {
        const rule = charsmap.longestMatch(bytes, b);
        const n = rule !== null ? rule[0] : bytes[b] < 0xc0 ? 1 : bytes[b] < 0xe0 ? 2 : bytes[b] < 0xf0 ? 3 : 4;
        out += rule !== null ? rule[1] : new TextDecoder().decode(bytes.subarray(b, b + n));
        b += n;
      }
      expect(out, JSON.stringify(text)).toBe(applyRulesLongestFirst(text, rules));
    }
  });

  it("the Rust tokenizers library reads the same double array (single-character rules)", () => {
    const reference = precompiled(Array.from(blob));
    const charsmap = new PrecompiledCharsmap(blob, "test");
    for (const text of ["ＡＢＣ ａｂｃ ０１２", "\ufb01x\u3000y\tz", "\u2460 \u{1F600}", "plain text"]) {
      const bytes = new TextEncoder().encode(text);
      let out = "";
      for (const ch of text) {
        const b = new TextEncoder().encode(ch);
        const rule = charsmap.longestMatch(b, 0);
        out += rule !== null && rule[0] === b.length ? rule[1] : ch;
      }
      expect(bytes.length).toBeGreaterThan(0);
      expect(out).toBe(reference.normalizeString(text));
    }
  });

  it("a model with the map normalizes before segmenting, with offsets into the original text", () => {
    const pieces: [string, number, number?][] = [["<unk>", 0, 2], ["<s>", 0, 3], ["</s>", 0, 3], ["\u2581", -1], ["A", -2], ["B", -2], ["C", -2], ["\u2581ABC", -1], ["X", -2], ["Y", -2], ["fi", -2], ["\u00c5", -2]];
    const model = modelProto(pieces, [int32Field(3, 1)], [stringField(1, "nmt_nfkc"), bytesField(2, blob)]);
    const t = loadSentencePieceTokenizer(model);
    expect(t.encode("ＡＢＣ")).toEqual(t.encode("ABC"));
    expect(t.encode("ＡＢＣ").map((id) => t.idToPiece(id))).toEqual(["\u2581ABC"]);
    expect(t.encodeWithOffsets("\u3000\u3000ＡＢＣ  abc").map((s) => [s.piece, s.start, s.end])).toEqual([
      ["\u2581ABC", 2, 5], // the removed leading spaces belong to no token
      ["\u2581", 5, 7],
      ["Y", 7, 10],
    ]);
    expect(() => loadSentencePieceTokenizer(modelProto(pieces, [int32Field(3, 1)], [bytesField(2, Uint8Array.of(8, 0, 0, 0, 1))]), { file: "bad.model" })).toThrow(
      /bad\.model, offset 0, field normalizer_spec\.precompiled_charsmap: trie size 8/,
    );
  });
});

describe("SentencePiece unigram .model", () => {
  // A unigram vocabulary from the corpus; scores are multiples of 1/8 so that float32 (the C++
  // library) and float64 (the reference) sums are equal and ties resolve the same way.
  const words = mixedStrings(5, 300).join(" ").split(/\s+/u).filter((w) => w.length > 0);
  const counts = new Map<string, number>();
  for (const w of words.map((x) => Array.from(x)))
    for (let a = 0; a < w.length; a++) for (let b = a + 1; b <= Math.min(w.length, a + 6); b++) {
    const piece = (a === 0 ? "\u2581" : "") + w.slice(a, b).join("");
    counts.set(piece, (counts.get(piece) ?? 0) + 1);
  }
  const vocab = [...counts].filter(([p, c]) => c > 3 || [...p].length === 1).sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).slice(0, 1500);
  const pieces: [string, number, number?][] = [["<unk>", 0, 2], ["<s>", 0, 3], ["</s>", 0, 3]];
  for (let b = 0; b < 256; b++) pieces.push([`<0x${b.toString(16).toUpperCase().padStart(2, "0")}>`, 0, 6]);
  vocab.forEach(([p], k) => pieces.push([p, -(1 + ((k * 37) % 101) / 8)]));
  if (!pieces.some(([p]) => p === "\u2581")) pieces.push(["\u2581", -2]);
  const model = modelProto(pieces, [int32Field(3, 1), boolField(35, true)], [stringField(1, "identity"), boolField(4, false)]);

  it("segments like the Rust tokenizers library's Unigram on the same pieces", async () => {
    const ours = loadSentencePieceTokenizer(model);
    expect(ours.name).toBe("sentencepiece unigram");
    const json = JSON.stringify({
      version: "1.0",
      added_tokens: [],
      normalizer: { type: "Sequence", normalizers: [{ type: "Prepend", prepend: "\u2581" }, { type: "Replace", pattern: { String: " " }, content: "\u2581" }] },
      pre_tokenizer: null,
      post_processor: null,
      decoder: null,
      model: { type: "Unigram", unk_id: 0, vocab: pieces.map(([p, score]) => [p, score]), byte_fallback: true },
    });
    const ref = HfTokenizer.fromString(json);
    // Hugging Face's Unigram also matches control and byte pieces ("<s>", "<0x0A>") inside text;
    // SentencePiece never does: such strings are left out of the comparison.
    for (const text of CORPUS.filter((t) => t.length > 0 && !/<\/?s>|<unk>|<0x[0-9A-F]{2}>/.test(t))) {
      const expected = await ref.encode(text);
      expect(ours.encode(text), JSON.stringify(text)).toEqual(expected.getIds());
      expect(ours.decode(ours.encode(text))).toBe(text.replaceAll("\u2581", " "));
    }
  });

  it("fuses unknown characters into one <unk> without byte fallback, and prefers user-defined pieces", () => {
    const base: [string, number, number?][] = [["<unk>", 0, 2], ["<s>", 0, 3], ["</s>", 0, 3], ["\u2581", -1], ["a", -2], ["b", -3], ["ab", -1], ["<x>", 0, 4]];
    const t = loadSentencePieceTokenizer(modelProto(base, [int32Field(3, 1)], [boolField(4, false)]));
    expect(t.encode("ab zzz<x>b").map((id) => t.idToPiece(id))).toEqual(["\u2581", "ab", "\u2581", "<unk>", "<x>", "b"]);
    expect(t.encodeWithOffsets("ab zzz").map((s) => [s.piece, s.start, s.end])).toEqual([["\u2581", 0, 0], ["ab", 0, 2], ["\u2581", 2, 3], ["<unk>", 3, 6]]);
  });
});

describe("SentencePiece .model: hostile and unsupported files", () => {
  const fails = (bytes: Uint8Array, pattern: RegExp, field: string | RegExp, offset?: number) => {
    let error: unknown;
    try {
      loadSentencePieceTokenizer(bytes, { file: "evil.model" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TokenizerFileError);
    const e = error as TokenizerFileError;
    expect(e.file).toBe("evil.model");
    if (typeof field === "string") expect(e.field).toBe(field);
    else expect(e.field).toMatch(field);
    if (offset !== undefined) expect(e.offset).toBe(offset);
    expect(e.message).toMatch(pattern);
  };

  it("names the offset and field of truncated and oversized messages", () => {
    const real = readFixture(MODEL);
    fails(real.subarray(0, 5000), /runs past the end|ends inside/, /^pieces\[\d+\]/);
    fails(real.subarray(0, real.length - 3), /runs past the end|ends inside/, /^(normalizer_spec|trainer_spec)/);
    // A length of 2^31 - 1 for the first piece.
    fails(Uint8Array.from([0x0a, ...varint(0x7fffffff), 1, 2, 3]), /length of 2147483647 bytes runs past the end/, "pieces[0]", 1);
    fails(Uint8Array.from([0x0a, 0x80, 0x80]), /ends inside a varint/, "pieces[0]", 1);
    fails(Uint8Array.from([0x0a, 0x01, 0x0a]), /ends inside a varint/, "pieces[0].piece", 3);
    fails(concat(bytesField(1, concat(stringField(1, "a"), int32Field(3, 9)))), /unknown piece type 9/, "pieces[0].type");
    fails(concat(bytesField(1, Uint8Array.from([0x15, 0, 0]))), /inside a 4-byte float/, "pieces[0].score");
    fails(concat(bytesField(1, Uint8Array.from([0x0a, 0x02, 0xff, 0xfe]))), /not valid UTF-8/, "pieces[0].piece");
    fails(new Uint8Array(0), /no pieces/, "pieces", 0);
    fails(Uint8Array.from([0x0b]), /expected a length-delimited field \(wire type 2\), found wire type 3/, "pieces[0]", 0);
    fails(Uint8Array.from([0x4b]), /unsupported wire type 3/, "field 9", 0);
  });

  it("never allocates for a claimed 2^31-piece vocabulary: the pieces are counted, not announced", () => {
    // vocab_size in the trainer spec is informational; a huge value is harmless.
    const t = loadSentencePieceTokenizer(
      modelProto([["<unk>", 0, 2], ["<s>", 0, 3], ["</s>", 0, 3], ["a", -1]], [int32Field(3, 2), int32Field(4, 0x7fffffff)], []),
    );
    expect(t.vocabSize).toBe(4);
  });

  it("says what is not supported: word and char models", () => {
    const word = modelProto([["<unk>", 0, 2], ["a", -1]], [int32Field(3, 3)], []);
    expect(() => loadSentencePieceTokenizer(word)).toThrow(UnsupportedFormatError);
    expect(() => loadSentencePieceTokenizer(word)).toThrow(/field trainer_spec\.model_type: SentencePiece word models are not supported/);
  });
});
