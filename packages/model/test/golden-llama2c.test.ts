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

describe("weights read from memory", () => {
  it("stories260K defaults to one-stream reads; read as from memory, its logits are the same bits", async () => {
    const kernels = await createKernels({ backend: "wasm", variant: "simd" });
    const cached = loadLlama2cCheckpoint(checkpointBytes(), { kernels });
    const streamed = loadLlama2cCheckpoint(checkpointBytes(), { kernels, weightsFrom: "memory" });
    expect(cached.weightsFrom).toBe("cache");
    expect(streamed.weightsFrom).toBe("memory");
    const prompt = tokenizer().encode("Once upon a time, a cat", { bos: true });
    for (let pos = 0; pos < prompt.length; pos++) {
      const a = Float32Array.from(cached.forward(prompt[pos]!, pos));
      expect(streamed.forward(prompt[pos]!, pos)).toEqual(a);
    }
    const hint = "disk" as unknown as "cache";
    expect(() => loadLlama2cCheckpoint(checkpointBytes(), { kernels, weightsFrom: hint })).toThrow(
      /Transformer: options.weightsFrom must be "cache" or "memory", got "disk"/,
    );
    kernels.dispose();
  });

  it("a model whose weights take 20 MiB or more reads them as from memory by default", async () => {
    const kernels = await createKernels({ backend: "wasm", variant: "simd" });
    // llama2.c header (dim, hidden, layers, heads, kvHeads, vocab > 0 = tied classifier, seqLen) and
    // zero weights; the token embedding alone is 82 000 × 64 × 4 bytes = 20.02 MiB.
    const bytesFor = (vocab: number): Uint8Array => {
      const [dim, hidden, layers, seqLen] = [64, 64, 1, 8];
      const floats = vocab * dim + layers * (2 * dim + 4 * dim * dim + 3 * dim * hidden) + dim + seqLen * dim;
      const file = new Uint8Array(28 + floats * 4);
      new Int32Array(file.buffer, 0, 7).set([dim, hidden, layers, 1, 1, vocab, seqLen]);
      return file;
    };
    expect(loadLlama2cCheckpoint(bytesFor(82_000), { kernels }).weightsFrom).toBe("memory");
    expect(loadLlama2cCheckpoint(bytesFor(80_000), { kernels }).weightsFrom).toBe("cache");
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
