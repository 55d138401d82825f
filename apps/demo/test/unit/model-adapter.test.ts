// The worker's model path (load-checkpoint.ts + model-adapter.ts over @wasmformer/model) in Node on the
// shared fixtures: greedy generation must reproduce llama2.c's own expected output (read from the
// fixtures README, not copied here), on the WASM and JS kernels, from the llama2.c file and from the
// same weights rewritten as a Hugging Face safetensors folder.

import { type Kernels, createKernels } from "@wasmformer/kernels";
import { hfLlamaFromLlama2c, readLlama2c } from "@wasmformer/test-checkpoints";
import { readFixture } from "@wasmformer/test-fixtures";
import { loadLlama2cTokenizer } from "@wasmformer/tokenizer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Tokenizer } from "@wasmformer/tokenizer";
import { loadCheckpoint } from "../../src/worker/load-checkpoint.js";
import type { LoadedModel } from "../../src/worker/loaded-model.js";

function loadLlama2c(checkpoint: Uint8Array, tokenizer: Tokenizer, kernels: Kernels, name: string): LoadedModel {
  return loadCheckpoint({ format: "llama2c", name, checkpoint }, tokenizer, kernels);
}

/** run.c's output for `-t 0.0 -n 200`, the fenced block after "prints exactly" in the fixtures README. */
function expectedStory(): string {
  const readme = new TextDecoder().decode(readFixture("llama2c/README.md"));
  const match = /prints exactly[\s\S]*?```\n([\s\S]*?)\n```/.exec(readme);
  if (!match?.[1]) throw new Error("fixtures README: cannot find the expected run.c output");
  return match[1];
}

const greedy = { temperature: 0, topK: 0, topP: 1, seed: 1, maxTokens: 200 };
const never = new AbortController().signal;

let wasm: Kernels;
let js: Kernels;
let model: LoadedModel;

beforeAll(async () => {
  wasm = await createKernels({ backend: "wasm" });
  js = await createKernels({ backend: "js" });
  model = loadLlama2c(readFixture("llama2c/stories260K.bin"), loadLlama2cTokenizer(readFixture("llama2c/tok512.bin")), wasm, "stories260K.bin");
});
afterAll(() => {
  model?.dispose();
  wasm?.dispose();
  js?.dispose();
});

describe("stories260K + tok512", () => {
  it("greedy from the empty prompt prints exactly what run.c prints (200 positions), streamed step by step", async () => {
    const deltas: string[] = [];
    const r = await model.generate("", greedy, 5, never, (s) => deltas.push(s.text));
    expect(r.text).toBe(expectedStory());
    expect(deltas.join("")).toBe(r.text);
    expect(r.ids.length).toBe(200);
    expect(r.promptTokens).toBe(1);
    expect(r.stopReason).toBe("max-tokens");
  });

  it("gives the same greedy text on the JS-twin kernels", async () => {
    const m = loadLlama2c(readFixture("llama2c/stories260K.bin"), loadLlama2cTokenizer(readFixture("llama2c/tok512.bin")), js, "stories260K.bin");
    const r = await m.generate("", { ...greedy, maxTokens: 60 }, 1, never, () => {});
    m.dispose();
    expect(expectedStory().startsWith(r.text)).toBe(true);
    expect(r.ids.length).toBe(60);
  });

  it("continues a prompt: the story after \"Once upon a time\" matches run.c's continuation", async () => {
    const r = await model.generate("Once upon a time", { ...greedy, maxTokens: 12 }, 1, never, () => {});
    expect(expectedStory().startsWith(`Once upon a time${r.text}`)).toBe(true);
  });

  it("reports the greedy token as the top candidate at every step, with probabilities in order", async () => {
    await model.generate("", { ...greedy, maxTokens: 20 }, 4, never, (s) => {
      expect(s.top[0]?.id).toBe(s.id);
      expect(s.prob).toBeCloseTo(s.top[0]?.prob as number, 12);
      for (let i = 1; i < s.top.length; i++) expect(s.top[i]?.prob).toBeLessThanOrEqual(s.top[i - 1]?.prob as number);
    });
  });

  it("samples reproducibly for a seed, and differently for another seed", async () => {
    const s = { temperature: 1, topK: 0, topP: 0.9, seed: 133742, maxTokens: 40 };
    const a = await model.generate("", s, 1, never, () => {});
    const b = await model.generate("", s, 1, never, () => {});
    const c = await model.generate("", { ...s, seed: 7 }, 1, never, () => {});
    expect(a.ids).toEqual(b.ids);
    expect(c.ids).not.toEqual(a.ids);
  });

  it("marks the candidates top-k removed, and never samples one of them", async () => {
    let steps = 0;
    await model.generate("", { temperature: 1.5, topK: 3, topP: 1, seed: 3, maxTokens: 30 }, 6, never, (s) => {
      steps++;
      expect(s.top.map((c) => c.kept)).toEqual([true, true, true, false, false, false]);
      expect(s.top.slice(0, 3).map((c) => c.id)).toContain(s.id);
    });
    expect(steps).toBeGreaterThan(5);
  });

  it("stops when aborted", async () => {
    const abort = new AbortController();
    const r = await model.generate("", { ...greedy, maxTokens: 500 }, 1, abort.signal, (s) => {
      if (s.text.includes("Lily")) abort.abort();
    });
    expect(r.stopReason).toBe("aborted");
    expect(r.ids.length).toBeLessThan(20);
  });

  it("captures causal attention: each row a distribution over the keys up to it, zero above", () => {
    const a = model.attention("Lily saw a big red ball.");
    expect(a.ids[0]).toBe(1);
    expect(a.weights.length).toBe(a.layers * a.heads * a.T * a.T);
    for (let m = 0; m < a.layers * a.heads; m++)
      for (let r = 0; r < a.T; r++) {
        let sum = 0;
        for (let col = 0; col < a.T; col++) {
          const w = a.weights[(m * a.T + r) * a.T + col] as number;
          if (col > r) expect(w).toBe(0);
          else expect(w).toBeGreaterThanOrEqual(0);
          sum += w;
        }
        expect(sum).toBeCloseTo(1, 5);
      }
  });

  it("assembles attention over several prefill chunks: a long prompt's first rows equal a short prompt's maps", () => {
    const story = expectedStory().slice(0, 400);
    const long = model.attention(story);
    expect(long.T).toBeGreaterThan(64); // more than one prefill chunk of 64 positions
    const short = model.attention(story.slice(0, 40));
    const k = short.T;
    expect(long.ids.slice(0, k)).toEqual(short.ids);
    for (let m = 0; m < long.layers * long.heads; m++)
      for (let r = 0; r < long.T; r++) {
        let sum = 0;
        for (let col = 0; col < long.T; col++) {
          const w = long.weights[(m * long.T + r) * long.T + col] as number;
          if (col > r) expect(w).toBe(0);
          else if (r < k) expect(Math.abs(w - (short.weights[(m * k + r) * k + col] as number))).toBeLessThan(1e-5);
          sum += w;
        }
        expect(sum).toBeCloseTo(1, 4);
      }
  });

  it("counts parameters: the actual tensors are the file's floats minus the legacy RoPE tables", () => {
    const bytes = readFixture("llama2c/stories260K.bin").length;
    const legacyFloats = 2 * 512 * (64 / 8 / 2);
    expect(model.params.totalActual).toBe((bytes - 28) / 4 - legacyFloats);
    const attention = model.params.rows.find((r) => r.component.startsWith("attention"));
    // 5 layers × (2·64² + 2·64·32) with 4 kv heads of size 8, vs 4·64²·5 by the textbook formula.
    expect(attention?.actual).toBe(5 * (2 * 64 * 64 + 2 * 64 * 32));
    expect(attention?.byFormula).toBe(4 * 64 * 64 * 5);
    const classifier = model.params.rows.find((r) => r.component === "classifier");
    expect(classifier?.actual).toBe(0); // tied to the embedding
  });

  it("describes the block as Llama 2's: RMSNorm, RoPE, SwiGLU, no biases, tied classifier", () => {
    expect(model.format).toBe("llama2c");
    expect(model.config).toEqual({ norm: "rms", positions: "rope", ffn: "swiglu", bias: false, dim: 64, hiddenDim: 172, layers: 5, heads: 8, kvHeads: 4, vocabSize: 512, seqLen: 512, sharedClassifier: true });
  });
});

describe("the same weights as a Hugging Face folder (config.json + model.safetensors)", () => {
  it("prints run.c's greedy story, with the same config and parameter counts", async () => {
    const hf = hfLlamaFromLlama2c(readLlama2c(readFixture("llama2c/stories260K.bin")));
    const m = loadCheckpoint({ format: "huggingface", name: "stories260K-hf", ...hf }, loadLlama2cTokenizer(readFixture("llama2c/tok512.bin")), wasm);
    try {
      expect(m.format).toBe("huggingface");
      expect(m.config).toMatchObject({ dim: 64, layers: 5, heads: 8, kvHeads: 4, vocabSize: 512, seqLen: 512, sharedClassifier: true, norm: "rms" });
      expect(m.params.totalActual).toBe(model.params.totalActual);
      const r = await m.generate("", greedy, 3, never, () => {});
      expect(r.text).toBe(expectedStory());
      const a = m.attention("Lily saw a big red ball.");
      const b = model.attention("Lily saw a big red ball.");
      for (let i = 0; i < a.weights.length; i++) expect(Math.abs((a.weights[i] as number) - (b.weights[i] as number))).toBeLessThan(1e-4);
    } finally {
      m.dispose();
    }
  });
});

describe("checkpoint validation", () => {
  it("refuses a truncated checkpoint, naming the file", () => {
    const bytes = readFixture("llama2c/stories260K.bin");
    const tok = loadLlama2cTokenizer(readFixture("llama2c/tok512.bin"));
    expect(() => loadLlama2c(bytes.subarray(0, bytes.length - 4), tok, wasm, "s.bin")).toThrow(/s\.bin/);
    expect(() => loadLlama2c(bytes.subarray(0, 10), tok, wasm, "s.bin")).toThrow(/s\.bin/);
  });

  it("refuses a Hugging Face tokenizer with more pieces than the model's vocabulary", () => {
    const hf = hfLlamaFromLlama2c(readLlama2c(readFixture("llama2c/stories260K.bin")));
    const big = loadLlama2cTokenizer(readFixture("llama2c/tokenizer.bin"));
    expect(() => loadCheckpoint({ format: "huggingface", name: "hf", ...hf }, big, wasm)).toThrow(/32000 pieces but hf has a vocabulary of 512/);
  });

  it("refuses a tokenizer whose vocabulary does not match the checkpoint", () => {
    const big = loadLlama2cTokenizer(readFixture("llama2c/tokenizer.bin"));
    expect(() => loadLlama2c(readFixture("llama2c/stories260K.bin"), big, wasm, "stories260K.bin")).toThrow(/32000 pieces but stories260K\.bin has a vocabulary of 512/);
  });
});

describe("other tokenizer formats", () => {
  it("pairs a checkpoint with the same vocabulary as a SentencePiece .model (BOS added to the prompt, as run.c does)", async () => {
    const { loadTokenizer } = await import("@wasmformer/tokenizer");
    const spm = loadTokenizer(readFixture("llama2c/tokenizer.model"), { filename: "tokenizer.model" });
    const bin = loadLlama2cTokenizer(readFixture("llama2c/tokenizer.bin"));
    expect(spm.bosId).toBe(1);
    // A 32000-vocabulary checkpoint with random weights (the demo writer), loaded with each tokenizer.
    const { writeCheckpoint } = await import("../../src/logic/llama2c-format.js");
    const config = { dim: 16, hiddenDim: 24, layers: 1, heads: 2, kvHeads: 2, vocabSize: 32000, seqLen: 32, sharedClassifier: true };
    const ckpt = new Uint8Array(writeCheckpoint(config, (slot, i) => (slot.kind === "norm" ? 1 : Math.sin(i * 12.9898) * 0.3)));
    const a = loadLlama2c(ckpt, spm, wasm, "random.bin");
    const b = loadLlama2c(ckpt, bin, wasm, "random.bin");
    const prompt = "Once upon a time";
    const ra = await a.generate(prompt, { ...greedy, maxTokens: 8 }, 1, never, () => {});
    const rb = await b.generate(prompt, { ...greedy, maxTokens: 8 }, 1, never, () => {});
    expect(ra.promptTokens).toBe(rb.promptTokens);
    expect(ra.ids.length).toBeGreaterThan(0);
    expect(ra.ids).toEqual(rb.ids);
    a.dispose();
    b.dispose();
  });
});

describe("prompt limits", () => {
  it("refuses prompts longer than the attention view or the context, with both numbers", async () => {
    const kernels = await createKernels({ backend: "js" });
    const m = loadLlama2c(readFixture("llama2c/stories260K.bin"), loadLlama2cTokenizer(readFixture("llama2c/tok512.bin")), kernels, "stories260K.bin");
    expect(() => m.attention("ab ".repeat(150))).toThrow(/at most 256 tokens; this prompt is \d{3}/);
    expect(() => m.attention("ab ".repeat(300))).toThrow(/the prompt is \d+ tokens, the model's context is 512/);
    m.dispose();
    kernels.dispose();
  });
});

describe("a GPT-2 Hugging Face folder (tiny, written by the test, vocabulary padded past the tokenizer's)", () => {
  it("loads with LayerNorm, learned positions, GELU and biases, and generates what a float64 GPT-2 forward pass predicts", async () => {
    const { loadTokenizer } = await import("@wasmformer/tokenizer");
    const { END_OF_TEXT, TINY_GPT2: s, TOKENIZER_VOCAB, gpt2ReferenceLogits, tinyGpt2Folder, tinyTokenizerJson } = await import("../support/tiny-gpt2.js");
    const tokenizer = loadTokenizer(new TextEncoder().encode(tinyTokenizerJson()), { filename: "tokenizer.json" });
    expect(tokenizer.vocabSize).toBe(TOKENIZER_VOCAB);
    expect(tokenizer.bosId).toBeUndefined();
    const folder = tinyGpt2Folder(s, 5);
    const m = loadCheckpoint({ format: "huggingface", name: "tiny-gpt2", config: folder.config, safetensors: folder.safetensors }, tokenizer, wasm);
    try {
      expect(m.config).toEqual({ norm: "layer", positions: "learned", ffn: "gelu", bias: true, dim: 16, hiddenDim: 64, layers: 2, heads: 2, kvHeads: 2, vocabSize: 264, seqLen: 32, sharedClassifier: true });
      const tensorTotal = [...folder.tensors.values()].reduce((n, t) => n + t.data.length, 0);
      expect(m.params.totalActual).toBe(tensorTotal);
      expect(m.params.rows.find((r) => r.component === "positions")?.actual).toBe(32 * 16);
      // No BOS: the empty prompt starts from <|endoftext|>; each greedy pick is the reference's argmax.
      const steps: { id: number; top: number }[] = [];
      const r = await m.generate("", { temperature: 0, topK: 0, topP: 1, seed: 1, maxTokens: 6 }, 3, never, (st) => steps.push({ id: st.id, top: st.top[0]?.id ?? -1 }));
      expect(r.promptTokens).toBe(1);
      expect(r.ids.length).toBe(6);
      const seq = [END_OF_TEXT];
      for (const st of steps) {
        const ref = gpt2ReferenceLogits(folder.tensors, s, seq);
        expect(Math.max(...ref) - (ref[st.id] as number)).toBeLessThan(1e-4); // the pick is the reference's best (up to float32 ties)
        expect(st.top).toBe(st.id);
        seq.push(st.id);
      }
      // At a high temperature every id is drawn now and then, the 6 padded ones too (~2% a step): they
      // end the text like EOS instead of failing in the tokenizer's decoder, and are never emitted.
      let early = 0;
      for (let seed = 1; seed <= 10; seed++) {
        const hot = await m.generate("he", { temperature: 100, topK: 0, topP: 1, seed, maxTokens: 30 }, 1, never, (st) => expect(st.id).toBeLessThan(END_OF_TEXT));
        if (hot.stopReason === "eos") early++;
      }
      expect(early).toBeGreaterThan(0);
      const a = m.attention("hehe he");
      expect(a.ids[0]).not.toBe(END_OF_TEXT); // a typed prompt gets no start token
      expect(a.ids).toEqual(tokenizer.encode("hehe he"));
    } finally {
      m.dispose();
    }
  });
});
