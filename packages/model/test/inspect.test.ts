// Parameter tables: the tensors actually present add up to the checkpoint's size on disk, and the
// textbook formulas are explained where they differ.
import { createKernels } from "@wasmformer/kernels";
import { describe, expect, it } from "vitest";
import { gpt2Config, loadLlama2cCheckpoint, memoryNeeded, parameterTable, readLlama2cConfig, summarizeModel, topTokens } from "../src/index.js";
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

  it("memoryNeeded counts every weight as the heap holds it (packed matrices' padding included)", async () => {
    const kernels = await createKernels({ backend: "js" });
    const model = loadLlama2cCheckpoint(checkpointBytes(), { kernels });
    const seen = new Set<unknown>();
    let floats = 0;
    for (const w of Object.values(model.weights)) {
      for (const t of Array.isArray(w) ? w : [w]) {
        if (seen.has(t)) continue; // a tied classifier is the embedding itself
        seen.add(t);
        floats += "rows" in t ? t.tensor.length : t.length;
      }
    }
    // stories260K's hidden size 172 is a multiple of 4, so packing adds no padding here: the heap
    // holds exactly the parameters (which the test above ties to the file size).
    expect(floats).toBe(summarizeModel(model.config).totalParameters);
    expect(memoryNeeded(model.config).weights).toBe(4 * floats);
    kernels.dispose();
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
