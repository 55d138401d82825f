// Hostile and broken checkpoints fail with a typed error naming the field, before any allocation.
import { createKernels } from "@wasmformer/kernels";
import { describe, expect, it } from "vitest";
import { ModelConfigError, ModelFileError, ModelInputError, loadLlama2cCheckpoint, readLlama2cConfig } from "../src/index.js";
import { checkpointBytes } from "./support/llama2c.js";

function withHeader(fields: number[], bodyBytes = 0): Uint8Array {
  const bytes = new Uint8Array(28 + bodyBytes);
  const view = new DataView(bytes.buffer);
  fields.forEach((v, i) => view.setInt32(i * 4, v, true));
  return bytes;
}

describe("llama2.c checkpoint validation", () => {
  it("reads the stories260K header as the fixtures README describes it", () => {
    const c = readLlama2cConfig(checkpointBytes());
    expect(c).toMatchObject({ dim: 64, hiddenDim: 172, layers: 5, heads: 8, kvHeads: 4, vocabSize: 512, maxSeqLen: 512, tiedEmbeddings: true });
  });

  it("names the file and size when the file is truncated", () => {
    const full = checkpointBytes();
    expect(() => readLlama2cConfig(full.subarray(0, full.length - 4), "cut.bin")).toThrow(ModelFileError);
    expect(() => readLlama2cConfig(full.subarray(0, full.length - 4), "cut.bin")).toThrow(`needs ${full.length} bytes, the file has ${full.length - 4}`);
    expect(() => readLlama2cConfig(full.subarray(0, 10), "tiny.bin")).toThrow(/tiny\.bin: the file has 10 bytes/);
  });

  it("names the header field and offset for impossible dims", () => {
    expect(() => readLlama2cConfig(withHeader([64, 172, 5, 0, 4, 512, 512]))).toThrow(/field n_heads, offset 12/);
    expect(() => readLlama2cConfig(withHeader([64, 172, -5, 8, 4, 512, 512]))).toThrow(/field n_layers, offset 8/);
    expect(() => readLlama2cConfig(withHeader([64, 172, 5, 7, 4, 512, 512]))).toThrow(/n_heads 7 does not divide dim 64/);
    expect(() => readLlama2cConfig(withHeader([64, 172, 5, 8, 3, 512, 512]))).toThrow(/n_kv_heads 3 does not divide n_heads 8/);
  });

  it("refuses a hostile header claiming terabytes without allocating", () => {
    const huge = withHeader([2 ** 30, 2 ** 30, 2 ** 30, 2 ** 10, 2 ** 10, 2 ** 30, 2 ** 30], 64);
    expect(() => readLlama2cConfig(huge, "huge.bin")).toThrow(/huge\.bin: truncated/);
  });

  it("refuses a model that would need more memory than the cap, naming the sizes", async () => {
    const kernels = await createKernels({ backend: "js" });
    expect(() => loadLlama2cCheckpoint(checkpointBytes(), { kernels, maxMemoryBytes: 1_000_000 })).toThrow(ModelConfigError);
    const before = kernels.memoryBytes; // the heap did not grow for the refused model
    expect(() => loadLlama2cCheckpoint(checkpointBytes(), { kernels, maxMemoryBytes: 1_000_000 })).toThrow(/needs .* MiB/);
    expect(kernels.memoryBytes).toBe(before);
    kernels.dispose();
  });

  it("rejects token ids outside the vocabulary and positions past the context", async () => {
    const kernels = await createKernels({ backend: "js" });
    const model = loadLlama2cCheckpoint(checkpointBytes(), { kernels });
    expect(() => model.forward(512, 0)).toThrow(ModelInputError);
    expect(() => model.forward(-1, 0)).toThrow(/token 0 is -1, outside the vocabulary 0\.\.511/);
    expect(() => model.forward(1, 512)).toThrow(/context window of 512/);
    expect(() => model.prefill([1, 2, 3], 510)).toThrow(/positions 510\.\.512 exceed/);
    expect(() => model.prefill([1, 600])).toThrow(/token 1 is 600/);
    model.dispose();
    kernels.dispose();
  });
});
