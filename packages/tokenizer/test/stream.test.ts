import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Utf8StreamDecoder, createTokenStreamDecoder, decodeUtf8 } from "../src/stream/index.js";

const reference = (bytes: Uint8Array) => new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);

describe("Utf8StreamDecoder", () => {
  it("equals one-shot TextDecoder for every way of cutting arbitrary bytes into chunks", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.array(fc.nat(40), { maxLength: 8 }), (bytes, cuts) => {
        const points = [...new Set(cuts.map((c) => Math.min(c, bytes.length)))].sort((a, b) => a - b);
        const d = new Utf8StreamDecoder();
        let out = "";
        let from = 0;
        for (const p of [...points, bytes.length]) {
          out += d.push(bytes.subarray(from, p));
          from = p;
        }
        out += d.flush();
        expect(out).toBe(reference(bytes));
      }),
      { numRuns: 2000 },
    );
  });

  it("never emits half a character and flushes an unfinished one as U+FFFD", () => {
    const d = new Utf8StreamDecoder();
    const euro = new TextEncoder().encode("€"); // e2 82 ac
    expect(d.push(euro.subarray(0, 1))).toBe("");
    expect(d.push(euro.subarray(1, 2))).toBe("");
    expect(d.push(euro.subarray(2))).toBe("€");
    expect(d.push(euro.subarray(0, 2))).toBe("");
    expect(d.flush()).toBe("\uFFFD");
  });

  it("keeps a leading byte-order mark (U+FEFF) as text", () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, 0x41]);
    const d = new Utf8StreamDecoder();
    expect(d.push(bom.subarray(0, 2)) + d.push(bom.subarray(2)) + d.flush()).toBe("\uFEFFA");
    expect(decodeUtf8(bom)).toBe("\uFEFFA");
  });

  it("createTokenStreamDecoder streams ids through a bytes-per-id function", () => {
    const table = [new Uint8Array([0xf0, 0x9f]), new Uint8Array([0x98, 0x80]), new Uint8Array([0x21])];
    const s = createTokenStreamDecoder((id) => table[id]);
    expect(s.push(0)).toBe("");
    expect(s.push(1)).toBe("😀");
    expect(s.push(2)).toBe("!");
    expect(s.push(0)).toBe("");
    expect(s.flush()).toBe("\uFFFD");
  });
});
