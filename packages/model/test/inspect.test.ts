// Parameter tables: the tensors actually present add up to the checkpoint's size on disk, and the
// textbook formulas are explained where they differ.
import { describe, expect, it } from "vitest";
import { gpt2Config, parameterTable, readLlama2cConfig, summarizeModel, topTokens } from "../src/index.js";
import { checkpointBytes } from "./support/llama2c.js";

describe("parameter table", () => {
  it("stories260K: the actual counts add up to the file's floats minus the legacy RoPE block", () => {
    const bytes = checkpointBytes();
    const c = readLlama2cConfig(bytes);
    const legacy = c.maxSeqLen * (c.dim / c.heads); // freq_cis real + imag, seq_len × head_size/2 each
    const s = summarizeModel(c);
    expect(s.totalParameters).toBe((bytes.length - 28) / 4 - legacy);
    const attention = s.parameters.find((r) => r.component === "attention")!;
    expect(attention.expected).toBe(5 * 4 * 64 * 64);
    expect(attention.actual).toBe(5 * (2 * 64 * 64 + 2 * 32 * 64)); // 4 kv heads of 8 → kvDim 32
    expect(attention.note).toMatch(/grouped-query/);
    expect(s.parameters.find((r) => r.component === "ffn")!.note).toMatch(/three matrices/);
  });

  it("GPT-2 small: 124,439,808 parameters (the published count), tied classifier", () => {
    const rows = parameterTable(gpt2Config({ dim: 768, layers: 12, heads: 12, vocabSize: 50257, maxSeqLen: 1024 }));
    expect(rows.reduce((n, r) => n + r.actual, 0)).toBe(124_439_808);
  });

  it("top tokens are sorted probabilities of softmax(logits / T)", () => {
    const t = topTokens([1, 3, 2, 0], 2, { temperature: 0.5 });
    const z = Math.exp(2) + Math.exp(6) + Math.exp(4) + 1;
    expect(t.map((x) => x.id)).toEqual([1, 2]);
    expect(t[0]!.probability).toBeCloseTo(Math.exp(6) / z, 12);
  });
});
