// tokenize/decode with tokenizer files from the shared fixtures. Expected ids are those of Meta's
// Llama 2 SentencePiece model as published (e.g. "Hello world" → 1 15043 3186 with BOS).
import { fixturePath } from "@wasmformer/test-fixtures";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runBin } from "./helpers.js";

const LLAMA2_FILES = ["llama2c/tokenizer.model", "llama2c/tokenizer.bin"];

describe("tokenizer files", () => {
  it("the Llama 2 vocabulary (SentencePiece .model and llama2.c tokenizer.bin) gives Meta's ids", () => {
    for (const file of LLAMA2_FILES) {
      const path = fixturePath(file);
      expect(runBin(["tokenize", "--ids", "--bos", "-z", path, "Hello world"]).stdout).toBe("1 15043 3186\n");
      expect(runBin(["tokenize", "--ids", "--bos", "-z", path, "Once upon a time"]).stdout).toBe("1 9038 2501 263 931\n");
      expect(runBin(["tokenize", "--ids", "--no-bos", "-z", path, "Hello world"]).stdout).toBe("15043 3186\n");
    }
  });

  it("decode --skip-special with a SentencePiece vocabulary restores the text after BOS (byte-fallback emoji included)", () => {
    const text = "Once upon a time, Lily saw a 🐈 in the café.";
    for (const file of LLAMA2_FILES) {
      const path = fixturePath(file);
      const ids = runBin(["tokenize", "--ids", "--bos", "-z", path, text]).stdout.trim().split(" ");
      expect(ids.length).toBeGreaterThan(10);
      expect(runBin(["decode", "--skip-special", "-z", path, ...ids]).stdout).toBe(text);
    }
  });

  it("the default output names added BOS and byte-fallback tokens by their pieces", () => {
    const r = runBin(["tokenize", "-z", fixturePath("llama2c/tok512.bin"), "Lily 😀"]);
    expect(r.code).toBe(0);
    const [pieces, ids, count] = r.stdout.trimEnd().split("\n");
    expect(JSON.parse(pieces)).toEqual(["<s>", "Lily", " ", "<0xF0>", "<0x9F>", "<0x98>", "<0x80>"]);
    expect(JSON.parse(ids)).toHaveLength(7);
    expect(count).toBe("7 tokens");
  });

  it("a file that is no tokenizer, or an empty one, is exit 1 naming the file", () => {
    const notTokenizer = fixturePath("llama2c/stories260K.bin");
    const r = runBin(["tokenize", "-z", notTokenizer, "hi"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(notTokenizer);
    expect(r.stderr).toMatch(/not a recognised tokenizer file/);
    const dir = mkdtempSync(join(tmpdir(), "wasmformer-cli-"));
    const empty = join(dir, "tokenizer.json");
    writeFileSync(empty, "");
    const e = runBin(["tokenize", "-z", empty, "hi"]);
    expect(e.code).toBe(1);
    expect(e.stderr).toBe(`error: tokenizer ${empty} is empty\n`);
  });
});
