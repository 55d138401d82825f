import { readFixture } from "@wasmformer/test-fixtures";
import { describe, expect, it } from "vitest";
import { loadTokenizerFile } from "../../src/worker/tokenizer-files.js";

describe("loadTokenizerFile", () => {
  it("reads llama2.c tokenizer.bin and SentencePiece .model files by content", () => {
    const tok512 = loadTokenizerFile("tok512.bin", readFixture("llama2c/tok512.bin"));
    expect(tok512.vocabSize).toBe(512);
    expect(tok512.decode(tok512.encode("Lily saw a ball."), { skipSpecial: true })).toBe("Lily saw a ball.");
    const llama = loadTokenizerFile("tokenizer.model", readFixture("llama2c/tokenizer.model"));
    expect(llama.vocabSize).toBe(32000);
    // The same Llama 2 vocabulary in llama2.c's format gives the same ids.
    const bin = loadTokenizerFile("tokenizer.bin", readFixture("llama2c/tokenizer.bin"));
    const text = "Hello world, once upon a time";
    expect(llama.encode(text, { bos: false })).toEqual(bin.encode(text, { bos: false }));
  });

  it("names the file when the format is not recognised", () => {
    expect(() => loadTokenizerFile("notes.dat", new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7]))).toThrow(/notes\.dat/);
  });
});
