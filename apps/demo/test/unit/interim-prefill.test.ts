// The batched prefill must equal running the tokens one at a time (decode path): same last logits,
// same attention maps, same KV cache for the tokens that follow.

import { createKernels } from "@wasmformer/kernels";
import { readFixture } from "@wasmformer/test-fixtures";
import { loadLlama2cTokenizer } from "@wasmformer/tokenizer";
import { describe, expect, it } from "vitest";
import { Llama2cRunner } from "../../src/worker/interim-llama2c.js";

const maxAbsDiff = (a: Float32Array, b: Float32Array): number => a.reduce((m, v, i) => Math.max(m, Math.abs(v - (b[i] as number))), 0);

describe("Llama2cRunner.prefill", () => {
  it("equals token-by-token forward on stories260K (logits, attention, and the next decode step)", async () => {
    const kernels = await createKernels({ backend: "wasm" });
    const ids = loadLlama2cTokenizer(readFixture("llama2c/tok512.bin")).encode("Lily and her mom went to the park to play with a ball.");
    const T = ids.length;
    const ckpt = readFixture("llama2c/stories260K.bin");
    const batched = new Llama2cRunner(kernels, ckpt, "stories260K.bin");
    const stepwise = new Llama2cRunner(kernels, ckpt, "stories260K.bin");
    const { layers, heads } = batched.config;

    const mapsBatched: Float32Array[] = [];
    batched.prefill(ids, (l, w) => (mapsBatched[l] = w));
    const mapsStep = Array.from({ length: layers }, () => new Float32Array(heads * T * T));
    ids.forEach((id, pos) =>
      stepwise.forward(id, pos, (l, w) => {
        for (let h = 0; h < heads; h++) (mapsStep[l] as Float32Array).set(w.subarray(h * (pos + 1), (h + 1) * (pos + 1)), (h * T + pos) * T);
      }),
    );
    expect(maxAbsDiff(batched.logits.toArray(), stepwise.logits.toArray())).toBeLessThan(1e-3);
    for (let l = 0; l < layers; l++) expect(maxAbsDiff(mapsBatched[l] as Float32Array, mapsStep[l] as Float32Array)).toBeLessThan(1e-4);

    batched.forward(42, T);
    stepwise.forward(42, T);
    expect(maxAbsDiff(batched.logits.toArray(), stepwise.logits.toArray())).toBeLessThan(1e-3);

    batched.dispose();
    stepwise.dispose();
    kernels.dispose();
  });

  it("refuses an empty prompt and one longer than the context", async () => {
    const kernels = await createKernels({ backend: "js" });
    const runner = new Llama2cRunner(kernels, readFixture("llama2c/stories260K.bin"), "stories260K.bin");
    expect(() => runner.prefill([])).toThrow(/at least one token/);
    expect(() => runner.prefill(new Array(513).fill(5))).toThrow(/513 tokens do not fit the context of 512/);
    runner.dispose();
    kernels.dispose();
  });
});
