import { TIKTOKEN_ENCODINGS, createEncoding } from "@wasmformer/tokenizer";
import cl100k from "js-tiktoken/ranks/cl100k_base";
import { describe, expect, it } from "vitest";
import { TOKEN_PALETTE, segmentTokens, splitStats, tokenColor, visibleWhitespace } from "../../src/logic/token-segments.js";

const span = (id: number, start: number, end: number) => ({ id, piece: "", start, end });

describe("segmentTokens", () => {
  it("gives one segment per token when tokens cover whole characters", () => {
    const text = "ab cd";
    const segs = segmentTokens(text, [span(1, 0, 2), span(2, 2, 5)]);
    expect(segs).toEqual([
      { start: 0, end: 2, text: "ab", tokens: [0] },
      { start: 2, end: 5, text: " cd", tokens: [1] },
    ]);
  });

  it("groups tokens that share a character (overlapping or empty ranges)", () => {
    const text = "x🤖y"; // the emoji is 2 UTF-16 units
    const segs = segmentTokens(text, [span(1, 0, 1), span(2, 1, 3), span(3, 1, 3), span(4, 3, 3), span(5, 3, 4)]);
    expect(segs.map((s) => [s.text, s.tokens])).toEqual([
      ["x", [0]],
      ["🤖", [1, 2, 3]],
      ["y", [4]],
    ]);
  });

  it("covers the whole text exactly once for real cl100k spans of emoji, CJK and combining marks", () => {
    const tok = createEncoding(TIKTOKEN_ENCODINGS.cl100k_base, cl100k);
    const text = "Hi 🤖👩‍👩‍👧 東京 e\u0301 ok";
    const spans = tok.encodeWithOffsets(text);
    const segs = segmentTokens(text, spans);
    expect(segs.map((s) => s.text).join("")).toBe(text);
    expect(segs.flatMap((s) => s.tokens)).toEqual(spans.map((_, i) => i));
    for (let i = 1; i < segs.length; i++) expect(segs[i]?.start).toBe(segs[i - 1]?.end);
  });
});

describe("presentation helpers", () => {
  it("neighbouring tokens never share a colour", () => {
    for (let i = 0; i < 50; i++) expect(tokenColor(i)).not.toBe(tokenColor(i + 1));
    expect(TOKEN_PALETTE).toContain(tokenColor(-1));
  });

  it("makes spaces, tabs and newlines visible", () => {
    expect(visibleWhitespace(" a\tb\r\nc\n")).toBe("·a→b↵c↵");
  });

  it("counts characters as code points and bytes as UTF-8", () => {
    expect(splitStats("é🤖", 2)).toEqual({ tokens: 2, chars: 2, bytes: 6, charsPerToken: 1 });
    expect(splitStats("", 0).charsPerToken).toBe(0);
  });
});
