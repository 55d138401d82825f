// Hugging Face checkpoints (config.json + model.safetensors, llama and gpt2, F32/F16/BF16) written by
// the test with a seeded RNG, run through our loader and transformer, against float64 reference
// forward passes written from the HF model definitions (test/support/hf-checkpoints.ts, and
// @wasmformer/test-checkpoints' gpt2Reference).
import { createKernels } from "@wasmformer/kernels";
import { gpt2Reference } from "@wasmformer/test-checkpoints";
import { describe, expect, it } from "vitest";
import { ModelFileError, SafetensorsFile, loadHuggingFaceCheckpoint, readHuggingFaceConfig } from "../src/index.js";
import { type Dtype, type Gpt2Shape, type LlamaShape, buildGpt2, buildLlama, llamaReference } from "./support/hf-checkpoints.js";
import { backends } from "./support/llama2c.js";

const tokens = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5];
const llama: LlamaShape = { dim: 24, hidden: 40, layers: 2, heads: 6, kvHeads: 2, vocab: 37, seq: 16, theta: 10000, eps: 1e-5, tied: false };
const gpt2: Gpt2Shape = { dim: 20, inner: 36, layers: 2, heads: 4, vocab: 41, seq: 16, eps: 1e-5 };

function expectClose(got: Float32Array, ref: number[][], V: number): void {
  let worst = 0;
  ref.forEach((row, t) => row.forEach((v, i) => (worst = Math.max(worst, Math.abs(got[t * V + i]! - v)))));
  expect(worst).toBeLessThan(2e-4);
}

describe.each(backends)("HF checkpoints on $name", ({ options }) => {
  it.each(["F32", "F16", "BF16"] as Dtype[])("llama (GQA, untied, rotate-half RoPE) in %s equals the float64 reference", async (dtype) => {
    const kernels = await createKernels(options);
    const { config, builder } = buildLlama(llama, 11, dtype);
    const model = loadHuggingFaceCheckpoint({ config, safetensors: builder.bytes() }, { kernels, prefillChunk: 4 });
    expectClose(model.prefill(tokens, 0, { allLogits: true }), llamaReference(builder.tensors, llama, tokens), llama.vocab);
    // Batched prefill (chunks of 4) leaves the same last logits.
    const last = llamaReference(builder.tensors, llama, tokens).at(-1)!;
    const batched = model.prefill(tokens, 0);
    last.forEach((v, i) => expect(Math.abs(batched[i]! - v)).toBeLessThan(2e-4));
    kernels.dispose();
  });

  it.each(["F32", "BF16"] as Dtype[])("gpt2 (LayerNorm, learned positions, GELU, Conv1D, biases) in %s equals the float64 reference", async (dtype) => {
    const kernels = await createKernels(options);
    const { config, builder } = buildGpt2(gpt2, 5, dtype);
    const model = loadHuggingFaceCheckpoint({ config: JSON.stringify(config), safetensors: builder.bytes() }, { kernels });
    expectClose(model.prefill(tokens, 0, { allLogits: true }), gpt2Reference(builder.tensors, gpt2, tokens, "transformer."), gpt2.vocab);
    kernels.dispose();
  });
});

describe("HF loading errors", () => {
  it("names the missing tensor, the wrong shape, the unsupported model type and the config field", async () => {
    const kernels = await createKernels({ backend: "js" });
    const { config, builder } = buildLlama({ ...llama, tied: true }, 3, "F32");
    builder.tensors.delete("model.layers.1.mlp.up_proj.weight");
    expect(() => loadHuggingFaceCheckpoint({ config, safetensors: builder.bytes() }, { kernels })).toThrow(/field model\.layers\.1\.mlp\.up_proj\.weight: missing tensor/);
    const g = buildGpt2(gpt2, 1, "F32", "");
    g.builder.tensors.set("h.0.ln_1.weight", { shape: [7], data: new Array(7).fill(1) });
    expect(() => loadHuggingFaceCheckpoint({ config: g.config, safetensors: g.builder.bytes() }, { kernels })).toThrow(/h\.0\.ln_1\.weight: shape \[7\], expected \[20\]/);
    expect(() => readHuggingFaceConfig({ model_type: "bert" })).toThrow(/model_type "bert" is not supported/);
    expect(() => readHuggingFaceConfig({ ...(config as object), hidden_size: -3 })).toThrow(/field hidden_size/);
    kernels.dispose();
  });

  it("rejects truncated and hostile safetensors before reading tensors", () => {
    const bytes = buildGpt2(gpt2, 2, "F16").builder.bytes();
    expect(() => new SafetensorsFile(bytes.subarray(0, bytes.length - 10), "cut.safetensors")).toThrow(/cut\.safetensors: .*truncated/);
    const hostile = new Uint8Array(16);
    new DataView(hostile.buffer).setBigUint64(0, 2n ** 40n, true);
    expect(() => new SafetensorsFile(hostile, "h.safetensors")).toThrow(ModelFileError);
    expect(() => new SafetensorsFile(hostile, "h.safetensors")).toThrow(/header length 1099511627776 exceeds the file/);
  });
});
