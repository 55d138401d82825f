import { readFixture } from "@wasmformer/test-fixtures";
import r50kRanks from "js-tiktoken/ranks/r50k_base";
import { get_encoding } from "tiktoken";
import { describe, expect, it } from "vitest";
import {
  HuggingFaceTokenizer,
  Llama2cTokenizer,
  SentencePieceBpeTokenizer,
  TiktokenTokenizer,
  UnsupportedFormatError,
  detectTokenizerFormat,
  loadCompactRanks,
  loadTokenizer,
} from "../src/index.js";
import { lenmlTokenizerJson } from "./support/formats-hf.js";

const utf8 = (s: string) => new TextEncoder().encode(s);

/** A .tiktoken file ("<base64 token> <rank>" lines) from rank data. */
function tiktokenFile(tokens: readonly (string | undefined)[]): Uint8Array {
  const lines: string[] = [];
  tokens.forEach((binary, rank) => {
    if (binary !== undefined) lines.push(`${Buffer.from(binary, "latin1").toString("base64")} ${rank}`);
  });
  return utf8(`${lines.join("\n")}\n`);
}

describe("loadTokenizer / detectTokenizerFormat", () => {
  it("recognises every fixture and package file by content, without a file name", () => {
    expect(detectTokenizerFormat(readFixture("llama2c/tokenizer.model"))).toBe("sentencepiece");
    expect(detectTokenizerFormat(readFixture("llama2c/tokenizer.bin"))).toBe("llama2c");
    expect(detectTokenizerFormat(readFixture("llama2c/tok512.bin"))).toBe("llama2c");
    expect(detectTokenizerFormat(utf8(lenmlTokenizerJson("qwen3")))).toBe("tokenizer.json");
    expect(detectTokenizerFormat(utf8("[PAD]\n[UNK]\nthe\n##s\n"))).toBe("wordpiece");
    expect(detectTokenizerFormat(utf8("IQ== 0\nIg== 1\n"))).toBe("tiktoken");
  });

  it("returns a working tokenizer of the right kind", () => {
    const sp = loadTokenizer(readFixture("llama2c/tokenizer.model"), { filename: "models/tokenizer.model" });
    expect(sp).toBeInstanceOf(SentencePieceBpeTokenizer);
    expect(sp.name).toBe("tokenizer.model");
    const bin = loadTokenizer(readFixture("llama2c/tokenizer.bin"), { filename: "tokenizer.bin" });
    expect(bin).toBeInstanceOf(Llama2cTokenizer);
    // The same Llama 2 vocabulary in two formats gives the same ids.
    expect(bin.encode("Hello world 😀", { bos: true })).toEqual(sp.encode("Hello world 😀", { bos: true }));
    const json = loadTokenizer(utf8(lenmlTokenizerJson("llama3")), { filename: "tokenizer.json" });
    expect(json).toBeInstanceOf(HuggingFaceTokenizer);
    expect(json.decode(json.encode("round trip"), { skipSpecial: true })).toBe("round trip");
    // A byte-order mark before the JSON is accepted.
    expect(loadTokenizer(utf8(`\ufeff${lenmlTokenizerJson("qwen3")}`)).encode("BOM")).toEqual(loadTokenizer(utf8(lenmlTokenizerJson("qwen3"))).encode("BOM"));
    const bert = loadTokenizer(utf8("[PAD]\n[UNK]\n[CLS]\n[SEP]\nhello\n##s\n"), { filename: "vocab.txt" });
    expect(bert.encode("Hellos")).toEqual([2, 4, 5, 3]);
  });

  it("loads tiktoken ranks: a ready encoding picked by the number of ranks, or a custom one with a pattern", () => {
    const r50k = loadTokenizer(tiktokenFile(loadCompactRanks(r50kRanks).tokens), { filename: "ranks.tiktoken" });
    expect(r50k).toBeInstanceOf(TiktokenTokenizer);
    expect(r50k.name).toBe("r50k_base");
    const ref = get_encoding("r50k_base");
    for (const text of ["Hello world", "naïve 😀 code();  ", "<|endoftext|>"]) expect(r50k.encode(text)).toEqual([...ref.encode(text, [], [])]);
    ref.free();

    const bytes = Array.from({ length: 256 }, (_, b) => String.fromCharCode(b));
    const custom = tiktokenFile([...bytes, "ab", "abc"]);
    expect(() => loadTokenizer(custom, { filename: "mine.tiktoken" })).toThrow(/258 ranks match none of the ready encodings.*options\.pattern/);
    const t = loadTokenizer(custom, { filename: "mine.tiktoken", pattern: "\\w+|\\s+|[^\\w\\s]+" });
    expect(t.encode("abc ab")).toEqual([257, 32, 256]);
  });

  it("says clearly when the format is unknown", () => {
    const fail = (bytes: Uint8Array, filename?: string) => () => loadTokenizer(bytes, { filename });
    expect(fail(Uint8Array.of(1, 2, 3, 0, 9, 9), "weights.safetensors")).toThrow(UnsupportedFormatError);
    expect(fail(Uint8Array.of(1, 2, 3, 0, 9, 9), "weights.safetensors")).toThrow(/^weights\.safetensors: not a recognised tokenizer file/);
    expect(fail(utf8("just some text\nwith lines\n"))).toThrow(/tokenizer file: not a recognised tokenizer file/);
    expect(fail(new Uint8Array(0))).toThrow(UnsupportedFormatError);
  });
});
