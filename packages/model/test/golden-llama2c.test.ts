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

describe("backends agree", () => {
  it("js twins, wasm simd, relaxed-simd and threads=2 give the same logits within 1e-4 over 64 positions", async () => {
    const runs: Float32Array[] = [];
    for (const { options } of backends) {
      const kernels = await createKernels(options);
      const model = loadLlama2cCheckpoint(checkpointBytes(), { kernels });
      const prompt = tokenizer().encode("Once upon a time, a cat and a dog went to the sea. They saw a big fish and", { bos: true });
      const all = new Float32Array(64 * 512);
      let token = prompt[0]!;
      for (let pos = 0; pos < 64; pos++) {
        const logits = model.forward(token, pos);
        all.set(logits, pos * 512);
        token = pos + 1 < prompt.length ? prompt[pos + 1]! : argmax(logits);
      }
      runs.push(all);
      kernels.dispose();
    }
    for (const other of runs.slice(1)) {
      let worst = 0;
      for (let i = 0; i < other.length; i++) worst = Math.max(worst, Math.abs(other[i]! - runs[0]![i]!));
      expect(worst).toBeLessThan(1e-4);
    }
  });
});
