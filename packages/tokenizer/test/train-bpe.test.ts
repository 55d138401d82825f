// BPE training: the merge order against a naive trainer written here (recount every pair after every
// merge), a hand-worked example, and the saved tokenizer.json against Hugging Face tokenizers (Rust).
import { Tokenizer as HfTokenizer } from "@anush008/tokenizers";
import { describe, expect, it } from "vitest";
import {
  InvalidArgumentError,
  R50K_PATTERN,
  RegexPretokenizer,
  type TrainBpeProgress,
  loadHuggingFaceTokenizer,
  loadTokenizer,
  trainBpe,
  trainedBpeToTokenizerJson,
} from "../src/index.js";
import { generateDocuments } from "./support/corpus.js";

const utf8 = new TextEncoder();

/** Lone surrogates → U+FFFD (String.prototype.toWellFormed, which the ES2022 lib does not declare). */
const wellFormed = (s: string): string => s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");

/**
 * The textbook algorithm, slow and obvious: after every merge, recount all pairs from scratch; pick the
 * highest count, ties to the smaller (left id, right id); merge left to right, non-overlapping. Words
 * come from the same regex split (the pre-tokenizer is checked against tiktoken elsewhere).
 */
function naiveTrain(texts: string[], merges: number, minFrequency: number): Array<[number, number]> {
  const split = new RegexPretokenizer(R50K_PATTERN); // checked against tiktoken in tiktoken-parity.test.ts
  const words: number[][] = [];
  for (const text of texts) {
    let pos = 0;
    while ((pos = split.next(text, pos)) >= 0) words.push([...utf8.encode(text.slice(split.start, pos))]);
  }
  const bytesOf: string[] = [];
  for (let b = 0; b < 256; b++) bytesOf.push(String.fromCharCode(b));
  const learned: Array<[number, number]> = [];
  while (learned.length < merges) {
    const counts = new Map<string, number>();
    for (const w of words) for (let i = 0; i + 1 < w.length; i++) counts.set(`${w[i]},${w[i + 1]}`, (counts.get(`${w[i]},${w[i + 1]}`) ?? 0) + 1);
    let best: [number, number] | undefined;
    let bestCount = 0;
    for (const [k, c] of counts) {
      const [l, r] = k.split(",").map(Number) as [number, number];
      if (c > bestCount || (c === bestCount && best !== undefined && (l < best[0] || (l === best[0] && r < best[1])))) {
        best = [l, r];
        bestCount = c;
      }
    }
    if (best === undefined || bestCount < minFrequency) break;
    const bytes = bytesOf[best[0]]! + bytesOf[best[1]]!;
    let id = bytesOf.indexOf(bytes);
    if (id < 0) id = bytesOf.push(bytes) - 1;
    learned.push(best);
    for (let w = 0; w < words.length; w++) {
      const old = words[w]!;
      const out: number[] = [];
      for (let i = 0; i < old.length; i++) {
        if (i + 1 < old.length && old[i] === best[0] && old[i + 1] === best[1]) {
          out.push(id);
          i++;
        } else out.push(old[i]!);
      }
      words[w] = out;
    }
  }
  return learned;
}

describe("trainBpe", () => {
  it("learns the hand-worked merges of 'aaabdaaabac' (aa, then ab before aa+a by the tie-break, then aa+ab)", () => {
    const trained = trainBpe(["aaabdaaabac"], { vocabSize: 300, pattern: R50K_PATTERN });
    const a = 97;
    const b = 98;
    expect(trained.merges).toEqual([
      [a, a, 256],
      [a, b, 257],
      [256, 257, 258],
    ]);
    expect(new TextDecoder().decode(trained.tokens[258])).toBe("aaab");
    expect(trained.stoppedBecause).toBe("no-frequent-pair");
    expect(trained.vocabSize).toBe(259);
  });

  it("learns the same merges, in the same order, as a naive recount-every-merge trainer", () => {
    const texts = generateDocuments(7, 20_000);
    const trained = trainBpe(texts, { vocabSize: 256 + 300, pattern: R50K_PATTERN });
    const expected = naiveTrain(texts, 300, 2);
    expect(trained.merges.map(([l, r]) => [l, r])).toEqual(expected);
  });

  it("reports progress for both phases, ending with every merge learned", () => {
    const events: TrainBpeProgress[] = [];
    const texts = generateDocuments(11, 30_000);
    const trained = trainBpe(texts, { vocabSize: 800, progressEvery: 50, onProgress: (p) => events.push(p) });
    const merges = events.filter((e) => e.phase === "merge");
    expect(events.filter((e) => e.phase === "count").at(-1)!.done).toBe(texts.length);
    expect(merges.at(-1)).toEqual({ phase: "merge", done: trained.merges.length, total: 800 - 256 });
    for (let i = 1; i < merges.length; i++) expect(merges[i]!.done).toBeGreaterThanOrEqual(merges[i - 1]!.done);
    expect(trained.vocabSize).toBe(800);
  });

  it("rejects impossible options with typed errors naming the option", () => {
    expect(() => trainBpe(["x"], { vocabSize: 255 })).toThrow(InvalidArgumentError);
    expect(() => trainBpe(["x"], { vocabSize: 256, specialTokens: ["<s>"] })).toThrow(/vocabSize/);
    expect(() => trainBpe(["x"], { vocabSize: 300, specialTokens: ["<s>", "<s>"] })).toThrow(/listed twice/);
    expect(() => trainBpe(["x"], { vocabSize: 300, minFrequency: 0 })).toThrow(/minFrequency/);
    expect(() => trainBpe([42 as unknown as string], { vocabSize: 300 })).toThrow(/item 0/);
  });
});

describe("a trained tokenizer saved as tokenizer.json", () => {
  const texts = generateDocuments(2024, 200_000);
  const trained = trainBpe(texts, { vocabSize: 2000, specialTokens: ["<|endoftext|>", "<|pad|>"] });
  const json = trainedBpeToTokenizerJson(trained);
  const ours = loadHuggingFaceTokenizer(json);
  const reference = HfTokenizer.fromString(json);

  it("loads back with the learned vocabulary and special tokens", () => {
    expect(ours.vocabSize).toBe(2000);
    expect(ours.specialTokens.get("<|endoftext|>")).toBe(1998);
    expect(loadTokenizer(utf8.encode(json), { filename: "tokenizer.json" }).vocabSize).toBe(2000);
  });

  it("encodes the training text exactly as Hugging Face tokenizers (Rust) does with the same file", async () => {
    for (const text of texts.slice(0, 60)) {
      const ref = (await reference.encode(text, null, { addSpecialTokens: false })).getIds();
      const got = ours.encode(text, { special: "allow" }); // HF always matches added tokens
      const at = got.findIndex((id, i) => id !== ref[i]);
      if (at >= 0 || got.length !== ref.length)
        expect.fail(`ids differ at ${at}: ours ${JSON.stringify(got.slice(at - 2, at + 4).map((i) => ours.idToPiece(i)))} ref ${JSON.stringify(ref.slice(at - 2, at + 4).map((i) => ours.idToPiece(i)))}`);
    }
  });

  it("encodes the training text with the learned merges: each word is as short as replaying the merges gives", () => {
    // Replaying the merges in order on one word must give the encoder's pieces.
    const word = " the";
    const ids = [...utf8.encode(word)];
    let seq = ids;
    for (const [l, r, id] of trained.merges) {
      const out: number[] = [];
      for (let i = 0; i < seq.length; i++)
        if (i + 1 < seq.length && seq[i] === l && seq[i + 1] === r) {
          out.push(id);
          i++;
        } else out.push(seq[i]!);
      seq = out;
    }
    expect(ours.encode(word)).toEqual(seq);
  });

  it("round-trips the training text and unseen text through encode → decode", () => {
    // Strings with lone surrogates cannot survive UTF-8 (they become U+FFFD), as in every byte-level BPE.
    for (const text of [...texts.slice(0, 30).map(wellFormed), "unseen: Ωμέγα 😀 日本語\n\tend", "<|endoftext|> as plain text"])
      expect(ours.decode(ours.encode(text, { special: "plain" }))).toBe(text);
  });
});
