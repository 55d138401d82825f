import { readFixture } from "@wasmformer/test-fixtures";
import { loadLlama2cTokenizer } from "@wasmformer/tokenizer";
import { describe, expect, it } from "vitest";
import { tokenText } from "../../src/worker/token-text.js";

describe("tokenText", () => {
  const tok = loadLlama2cTokenizer(readFixture("llama2c/tok512.bin"));

  it("shows whole-character text, the piece for specials and bytes, and names ids past the tokenizer's vocabulary", () => {
    const lily = tok.encode("Lily", { bos: false });
    expect(lily.map((id) => tokenText(tok, id)).join("").trim()).toBe("Lily"); // SentencePiece adds the word-start space
    expect(tokenText(tok, 1)).toBe("<s>");
    expect(tokenText(tok, 3 + 0xf0)).toBe("<0xF0>"); // the first byte of a 4-byte character is not text on its own
    expect(tokenText(tok, 512)).toBe("<id 512>"); // a padded model vocabulary
  });
});
