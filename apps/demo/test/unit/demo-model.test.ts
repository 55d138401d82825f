import { loadLlama2cTokenizer } from "@wasmformer/tokenizer";
import { describe, expect, it } from "vitest";
import { WORD_START, demoConfig, demoModelFiles, demoVocabulary } from "../../src/logic/demo-model.js";
import { checkpointBytes, writeCheckpoint } from "../../src/logic/llama2c-format.js";

/** An independent reader of llama2.c's tokenizer.bin (format from the fixtures README). */
function readTokenizerBin(buffer: ArrayBuffer): { maxLen: number; pieces: string[]; scores: number[] } {
  const view = new DataView(buffer);
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const maxLen = view.getInt32(0, true);
  const pieces: string[] = [];
  const scores: number[] = [];
  let p = 4;
  while (p < buffer.byteLength) {
    scores.push(view.getFloat32(p, true));
    const len = view.getInt32(p + 4, true);
    pieces.push(decoder.decode(new Uint8Array(buffer, p + 8, len)));
    p += 8 + len;
  }
  expect(p).toBe(buffer.byteLength);
  return { maxLen, pieces, scores };
}

describe("llama2.c checkpoint writer", () => {
  it("writes the 7-int header (negative vocab when unshared) and the size run.c expects", () => {
    const c = { dim: 8, hiddenDim: 12, layers: 2, heads: 4, kvHeads: 2, vocabSize: 10, seqLen: 6, sharedClassifier: false };
    const buf = writeCheckpoint(c, () => 0.5);
    const header = Array.from(new Int32Array(buf, 0, 7));
    expect(header).toEqual([8, 12, 2, 4, 2, -10, 6]);
    // Counted by hand from the README's layout: kv_dim = 8 * 2 / 4 = 4, head_size = 2.
    const floats = 10 * 8 + 2 * 8 + 2 * 8 * 8 + 2 * 2 * 4 * 8 + 2 * 8 * 8 + 2 * 8 + 3 * 2 * 12 * 8 + 8 + 2 * 6 * 1 + 10 * 8;
    expect(buf.byteLength).toBe(28 + 4 * floats);
    expect(checkpointBytes(c)).toBe(buf.byteLength);
    expect(new Float32Array(buf, 28)[floats - 1]).toBe(0.5);
  });

  it("refuses heads that do not divide dim", () => {
    expect(() => writeCheckpoint({ dim: 10, hiddenDim: 4, layers: 1, heads: 4, kvHeads: 4, vocabSize: 3, seqLen: 2, sharedClassifier: true }, () => 0)).toThrow(
      /dim 10 is not divisible by heads 4/,
    );
  });
});

describe("demo model", () => {
  it("is deterministic for a seed and different across seeds", () => {
    const a = Buffer.from(demoModelFiles(7).checkpoint);
    const b = Buffer.from(demoModelFiles(7).checkpoint);
    const c = Buffer.from(demoModelFiles(8).checkpoint);
    expect(a.equals(b)).toBe(true);
    expect(a.length).toBe(c.length);
    expect(a.subarray(0, 28).equals(c.subarray(0, 28))).toBe(true);
    expect(a.equals(c)).toBe(false);
  });

  it("has a tokenizer file whose vocabulary matches the checkpoint and run.c's fixed ids", () => {
    const files = demoModelFiles(1);
    const { pieces, scores, maxLen } = readTokenizerBin(files.tokenizer);
    expect(new Int32Array(files.checkpoint, 0, 7)[5]).toBe(-pieces.length); // negative: a separate classifier
    expect(files.config.vocabSize).toBe(pieces.length);
    expect(pieces.slice(0, 3)).toEqual(["<unk>", "<s>", "</s>"]);
    expect(pieces[3]).toBe("<0x00>");
    expect(pieces[3 + 0x0a]).toBe("<0x0A>");
    expect(pieces[258]).toBe("<0xFF>");
    expect(new Set(pieces).size).toBe(pieces.length);
    expect(maxLen).toBe(Math.max(...pieces.map((p) => new TextEncoder().encode(p).length)));
    // Merged pieces rank below their parts (higher score merges first, as in SentencePiece BPE).
    const score = new Map(pieces.map((p, i) => [p, scores[i] as number]));
    for (const p of pieces.slice(259)) {
      if ([...p].length < 2) continue;
      const prefix = p.slice(0, -1);
      expect(score.has(prefix), `prefix of ${p}`).toBe(true);
      expect(score.get(prefix) as number).toBeGreaterThan(score.get(p) as number);
    }
    expect(pieces).toContain(`${WORD_START}the`);
  });

  it("fills weights as documented: unit norms, N(0, 0.2²) embeddings, 1/sqrt(fan-in) linear rows", () => {
    const files = demoModelFiles(3);
    const c = files.config;
    const f = new Float32Array(files.checkpoint, 28);
    const emb = f.subarray(0, c.vocabSize * c.dim);
    const rmsAtt = f.subarray(emb.length, emb.length + c.layers * c.dim);
    const wq = f.subarray(emb.length + rmsAtt.length, emb.length + rmsAtt.length + c.layers * c.dim * c.dim);
    const std = (x: Float32Array) => {
      let s = 0;
      let s2 = 0;
      for (const v of x) {
        s += v;
        s2 += v * v;
      }
      return Math.sqrt(s2 / x.length - (s / x.length) ** 2);
    };
    expect(Array.from(rmsAtt).every((v) => v === 1)).toBe(true);
    expect(std(emb)).toBeGreaterThan(0.19);
    expect(std(emb)).toBeLessThan(0.21);
    expect(std(wq)).toBeCloseTo(2.5 / Math.sqrt(c.dim), 1);
    // The classifier is the last tensor: zero rows for the 259 control and byte pieces, then N(0, 2.5²/dim).
    const wcls = f.subarray(f.length - c.vocabSize * c.dim);
    expect(wcls.subarray(0, 259 * c.dim).every((v) => v === 0)).toBe(true);
    expect(std(wcls.subarray(259 * c.dim))).toBeCloseTo(2.5 / Math.sqrt(c.dim), 1);
  });

  it("uses a Llama-2 shape with grouped-query attention", () => {
    const c = demoConfig(demoVocabulary().length);
    expect(c.dim % c.heads).toBe(0);
    expect(c.heads / c.kvHeads).toBe(2);
    expect(c.vocabSize).toBeLessThanOrEqual(512);
  });

  it("its vocabulary merges whole words with the tokenizer package's llama2.c encoder, and round-trips", () => {
    const tok = loadLlama2cTokenizer(new Uint8Array(demoModelFiles(1).tokenizer));
    const text = "the little girl was happy";
    const ids = tok.encode(text);
    expect(ids[0]).toBe(1);
    expect(ids.slice(1).map((id) => tok.idToPiece(id))).toEqual(["▁the", "▁little", "▁girl", "▁was", "▁happy"]); // printable pieces show the space as ▁
    expect(tok.decode(ids, { skipSpecial: true })).toBe(text);
    const odd = "Zebra 🦓 42!";
    expect(tok.decode(tok.encode(odd), { skipSpecial: true })).toBe(odd);
  });
});
