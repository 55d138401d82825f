// Prefill equals token-by-token decode; generate() streams run.c's greedy text, honours stop strings,
// budgets and AbortSignal, and reports timings.
import { createKernels, type Kernels } from "@wasmformer/kernels";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Transformer, generate, loadLlama2cCheckpoint } from "../src/index.js";
import { backends, checkpointBytes, expectedGreedyText, tokenizer } from "./support/llama2c.js";

describe.each(backends)("prefill on $name", ({ options }) => {
  let kernels: Kernels;
  let model: Transformer;
  beforeAll(async () => {
    kernels = await createKernels(options);
    model = loadLlama2cCheckpoint(checkpointBytes(), { kernels, prefillChunk: 16 });
  });
  afterAll(() => kernels.dispose());

  it("gives the same logits as feeding the prompt one token at a time (prompt longer than a chunk)", () => {
    const prompt = tokenizer().encode("Once upon a time, there was a little dog who liked to run in the big green park with his friends.", { bos: true });
    expect(prompt.length).toBeGreaterThan(16);
    const batched = Float32Array.from(model.prefill(prompt, 0));
    let last = new Float32Array(0);
    for (let pos = 0; pos < prompt.length; pos++) last = Float32Array.from(model.forward(prompt[pos]!, pos));
    let maxDiff = 0;
    for (let i = 0; i < last.length; i++) maxDiff = Math.max(maxDiff, Math.abs(batched[i]! - last[i]!));
    expect(maxDiff).toBeLessThan(1e-3);
    // allLogits gives every position; its last row is the same distribution.
    const all = model.prefill(prompt, 0, { allLogits: true });
    expect(all.length).toBe(prompt.length * 512);
    for (let i = 0; i < 512; i++) expect(all[(prompt.length - 1) * 512 + i]).toBeCloseTo(last[i]!, 3);
  });

  it("captures causal attention weights: rows sum to 1, zero above the diagonal", () => {
    const prompt = [1, 403, 407, 261];
    const rows: number[][] = [];
    model.prefill(prompt, 0, {
      onAttention: (layer, w, { T, kvLen }) => {
        if (layer !== 2) return;
        for (let t = 0; t < T; t++) rows.push(Array.from(w.subarray(t * kvLen, (t + 1) * kvLen))); // head 0
      },
    });
    expect(rows.length).toBe(4);
    rows.forEach((row, t) => {
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      for (let j = t + 1; j < row.length; j++) expect(row[j]).toBe(0);
    });
  });
});

describe("generate", () => {
  let kernels: Kernels;
  let model: Transformer;
  beforeAll(async () => {
    kernels = await createKernels({ backend: "wasm" });
    model = loadLlama2cCheckpoint(checkpointBytes(), { kernels });
  });
  afterAll(() => kernels.dispose());

  it("streams run.c's greedy story from the empty prompt, with timings", async () => {
    const g = generate(model, tokenizer(), { maxTokens: 200 }) // run.c -n 200: logits of positions 0..199;
    const pieces: string[] = [];
    for await (const t of g) pieces.push(t.text);
    expect(pieces.join("")).toBe(expectedGreedyText());
    expect(g.stats).toMatchObject({ promptTokens: 1, generatedTokens: 200, stopReason: "max-tokens" });
    expect(g.stats!.decodeTokensPerSecond).toBeGreaterThan(0);
  });

  it("continues a text prompt (prefill) exactly as token-by-token greedy decoding does", async () => {
    const tok = tokenizer();
    const prompt = tok.encode("Once upon a time, there was a big", { bos: true });
    const ids: number[] = [];
    let logits = model.forward(prompt[0]!, 0);
    for (let pos = 1; pos < prompt.length; pos++) logits = model.forward(prompt[pos]!, pos);
    for (let pos = prompt.length; ids.length < 30; pos++) {
      let best = 0;
      for (let i = 1; i < logits.length; i++) if (logits[i]! > logits[best]!) best = i;
      ids.push(best);
      logits = model.forward(best, pos);
    }
    const out = await generate(model, tok, { prompt: "Once upon a time, there was a big", maxTokens: 30 }).collect();
    expect(out.ids).toEqual(ids);
  });

  it("stops before a stop string and never emits it", async () => {
    const out = await generate(model, tokenizer(), { stop: ["Lily"] }).collect();
    expect(out.text).toBe("Once upon a time, there was a little girl named ");
    expect(out.stats.stopReason).toBe("stop-string");
  });

  it("honours an AbortSignal and a context that fills up", async () => {
    const ac = new AbortController();
    let n = 0;
    for await (const _ of generate(model, tokenizer(), { signal: ac.signal })) if (++n === 3) ac.abort();
    expect(n).toBe(3);
    await expect(generate(model, tokenizer(), { prompt: new Array(600).fill(5) }).collect()).rejects.toThrow(/600 tokens, the context window is 512/);
  });

  it("fills the context like run.c: positions up to 511 are fed, one last token is sampled from position 511's logits", async () => {
    // A prompt ending 10 positions short of the 512-position window, no stop tokens: 10 tokens fill
    // positions 502..511, then run.c's loop (forward at pos 511, sample, print) adds an 11th.
    const prompt = [1, ...tokenizer().encode("Once upon a time").slice(0, 3)];
    const filler = new Array(502 - prompt.length).fill(0).map((_, i) => 300 + (i % 100));
    const full = [...prompt, ...filler];
    const out = await generate(model, tokenizer(), { prompt: full, stopTokens: [] }).collect();
    expect(out.ids).toHaveLength(11);
    expect(out.stats.stopReason).toBe("context-full");
    // The last token is the argmax of the logits after feeding the 10th generated token at position 511.
    model.prefill([...full, ...out.ids.slice(0, 10)], 0);
    let best = 0;
    for (let i = 1; i < model.logits.length; i++) if (model.logits[i]! > model.logits[best]!) best = i;
    expect(out.ids[10]).toBe(best);
  });
});
