// The golden end-to-end test (as llama2.c's own): stories260K + tok512, greedy, 200 positions from
// the empty prompt, must print exactly what run.c prints — on every kernels backend.
import { createKernels } from "@wasmformer/kernels";
import { describe, expect, it } from "vitest";
import { loadLlama2cCheckpoint } from "../src/index.js";
import { backends, checkpointBytes, expectedGreedyText, tokenizer } from "./support/llama2c.js";

function argmax(x: Float32Array): number {
  let best = 0;
  for (let i = 1; i < x.length; i++) if (x[i]! > x[best]!) best = i;
  return best;
}

describe.each(backends)("stories260K greedy on $name", ({ options }) => {
  it("reproduces run.c's 200-step output token for token", async () => {
    const kernels = await createKernels(options);
    const model = loadLlama2cCheckpoint(checkpointBytes(), { kernels, file: "stories260K.bin" });
    const tok = tokenizer();
    const BOS = 1;
    // run.c's loop: start at BOS, -n 200 counts positions, stop if BOS is sampled.
    const ids: number[] = [];
    let token = BOS;
    for (let pos = 0; pos < 200; pos++) {
      const next = argmax(model.forward(token, pos));
      if (next === BOS) break;
      ids.push(next);
      token = next;
    }
    // Decoding after BOS drops the dummy-prefix space, as run.c prints it.
    expect(tok.decode([BOS, ...ids], { skipSpecial: true })).toBe(expectedGreedyText());
    model.dispose();
    kernels.dispose();
  });
});
