// The byte vocabulary under the tiktoken encodings: rank files read into it exactly (checked against
// Node's own base64 decoder), malformed or hostile files refused with the file, line and field named,
// and the encoder's paths that ordinary text rarely reaches (a piece cache that keeps starting over,
// pre-tokens either side of the short/long merge boundary) still equal to tiktoken.
import r50kRanks from "js-tiktoken/ranks/r50k_base";
import { get_encoding } from "tiktoken";
import { describe, expect, it } from "vitest";
import {
  ByteVocabulary,
  TiktokenTokenizer,
  TokenizerFileError,
  getEncoding,
  loadCompactRanks,
  loadTiktokenRanks,
  ranksFromTokens,
} from "../src/index.js";
import { firstDifference } from "./support/encodings.js";
import { seededRandom as rng } from "./support/rng.js";

/** Every token of js-tiktoken's compact data, decoded by Node's Buffer (independent of our decoder). */
function referenceTokens(data: { bpe_ranks: string }): Map<number, Buffer> {
  const out = new Map<number, Buffer>();
  for (const line of data.bpe_ranks.split("\n")) {
    if (line === "") continue;
    const [, first, ...tokens] = line.split(" ");
    tokens.forEach((t, k) => out.set(Number(first) + k, Buffer.from(t, "base64")));
  }
  return out;
}

function fileError(f: () => unknown): TokenizerFileError {
  try {
    f();
  } catch (e) {
    if (e instanceof TokenizerFileError) return e;
    throw e;
  }
  throw new Error("expected a TokenizerFileError");
}

describe("ByteVocabulary", () => {
  it("holds exactly the tokens of the compact rank data, and finds each by its bytes", () => {
    const vocab = loadCompactRanks(r50kRanks, "r50k");
    const reference = referenceTokens(r50kRanks);
    expect(vocab).toBeInstanceOf(ByteVocabulary);
    expect(vocab.size).toBe(reference.size);
    expect(vocab.rankCount).toBe(Math.max(...reference.keys()) + 1);
    for (const [rank, bytes] of reference) {
      expect(Buffer.from(vocab.bytes.subarray(vocab.start[rank], vocab.start[rank + 1])).equals(bytes)).toBe(true);
      expect(vocab.rankOfBinary(bytes.toString("latin1"))).toBe(rank);
    }
    // The string views of TiktokenRanks agree.
    expect(vocab.tokens[1000]).toBe(reference.get(1000)!.toString("latin1"));
    expect(vocab.ranks.get(reference.get(31337)!.toString("latin1"))).toBe(31337);
    expect(vocab.rankOfBinary("no such token, surely")).toBeUndefined();
  });

  it("finds a pair of tokens by their joined bytes", () => {
    const vocab = loadCompactRanks(r50kRanks, "r50k");
    const ref = get_encoding("r50k_base");
    const hello = ref.encode("hello")[0]!;
    const [h, ello] = [vocab.rankOfBinary("h")!, vocab.rankOfBinary("ello")!];
    expect(vocab.findPair(h, ello)).toBe(hello);
    expect(vocab.findPair(ello, h)).toBe(vocab.rankOfBinary("elloh") ?? -1);
  });

  it("reads a .tiktoken file (any line order, CRLF) like the compact data", () => {
    const tokens = ["a", "b", "ab", "\u0000", "\u00ff\u0000"];
    const lines = tokens.map((t, rank) => `${Buffer.from(t, "latin1").toString("base64")} ${rank}`).reverse();
    const vocab = loadTiktokenRanks(`${lines.join("\r\n")}\r\n`, "tiny.tiktoken");
    expect(vocab.tokens).toEqual(tokens);
    expect(vocab.rankOfBinary("\u00ff\u0000")).toBe(4);
    expect(vocab.rankOfBinary("\u0000")).toBe(3);
    // Leading zero bytes count: "\0a" is not "a".
    expect(vocab.rankOfBinary("\u0000a")).toBeUndefined();
  });

  it("refuses malformed and hostile rank files, naming the file, line and field", () => {
    const cases: Array<[string, RegExp, number | undefined, string | undefined]> = [
      ["YQ== 0\nYg==\n", /expected "<base64 token> <rank>"/, 2, undefined],
      ["YQ== 0\nYg== 1 2\n", /expected "<base64 token> <rank>"/, 2, undefined],
      ["YQ== 0\nYg== one\n", /expected a rank/, 2, "rank"],
      ["YQ== 0\nYg== 99999999999\n", /expected a rank/, 2, "rank"],
      ["YQ== 0\nY!== 1\n", /not valid base64/, 2, "token"],
      ["YQ== 0\nYQ=a 1\n", /not valid base64/, 2, "token"],
      ["YQ== 0\nYWJjZ 1\n", /not valid base64/, 2, "token"],
      ["YQ== 0\nYg== 0\n", /rank 0 is assigned twice/, 2, "rank"],
      ["YQ== 0\nYQ== 1\n", /the same token bytes have ranks 0 and 1/, 2, "token"],
      ["YQ== 0\nYg== 1000000000\n", /far beyond/, 2, "rank"],
      ["\n\n", /no tokens/, undefined, undefined],
    ];
    for (const [text, message, line, field] of cases) {
      const e = fileError(() => loadTiktokenRanks(text, "bad.tiktoken"));
      expect(e.message).toMatch(message);
      expect(e.file).toBe("bad.tiktoken");
      expect(e.line).toBe(line);
      expect(e.field).toBe(field);
    }
    const compact = fileError(() => loadCompactRanks({ bpe_ranks: "! 0 YQ== Yg==\n! 2 Yw== Y!==\n" }, "ranks.json"));
    expect([compact.file, compact.line, compact.field]).toEqual(["ranks.json", 2, "token"]);
    expect(fileError(() => loadCompactRanks({ bpe_ranks: "!\n" }, "ranks.json")).field).toBe("bpe_ranks");
    expect(fileError(() => ranksFromTokens(["a", "\u0100"])).message).toMatch(/one byte \(0\.\.255\) per character/);
  });
});

describe("tiktoken encoder paths", () => {
  it("equals tiktoken with a piece cache that starts over every few pre-tokens", async () => {
    const cl100k = await getEncoding("cl100k_base");
    const ref = get_encoding("cl100k_base");
    const tiny = new TiktokenTokenizer({ name: "tiny cache", ranks: cl100k.ranks, pattern: cl100k.pattern, cacheSize: 3 });
    const random = rng(7);
    const letters = Array.from("abcdefghijklmnopqrstuvwxyzé日😀0123456789"); // code points: no lone surrogates
    const words: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const n = 1 + Math.floor(random() * 14);
      let w = "";
      for (let k = 0; k < n; k++) w += letters[Math.floor(random() * letters.length)];
      words.push(w);
    }
    // Words recur (cache hits) and the cache is cleared all the time (hits on refilled entries).
    const text = Array.from({ length: 6000 }, () => words[Math.floor(random() * random() * words.length)]).join(" ");
    expect(firstDifference(tiny.encode(text), ref.encode(text, [], []))).toBe(-1);
    expect(tiny.decode(tiny.encode(text))).toBe(text);
  });

  it("equals tiktoken on pre-tokens of 1…200 bytes, across the short/long merge boundary (64 bytes)", async () => {
    const random = rng(11);
    for (const name of ["cl100k_base", "o200k_base"] as const) {
      const ours = await getEncoding(name);
      const ref = get_encoding(name);
      for (let n = 1; n <= 200; n++) {
        for (const alphabet of ["abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", "aab", "éèêëàâ", "日本語の文字"]) {
          let word = "";
          // One letter-only pre-token of n UTF-16 units (more bytes for the multi-byte alphabets).
          for (let k = 0; k < n; k++) word += alphabet[Math.floor(random() * alphabet.length)];
          const at = firstDifference(ours.encode(word), ref.encode(word, [], []));
          if (at >= 0) expect.fail(`${name}: ${JSON.stringify(word)} differs at ${at}`);
        }
      }
    }
  });
});
