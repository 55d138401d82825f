// Session behaviour that does not depend on a real model, with a scripted stand-in for LoadedModel:
// loading from each source, streaming steps, stop mid-generation, attention pieces, replacing a model.

import { type KernelsOptions, createKernels } from "@wasmformer/kernels";
import type { Tokenizer } from "@wasmformer/tokenizer";
import { describe, expect, it } from "vitest";
import type { LoadProgress } from "../../src/protocol.js";
import type { CheckpointFiles, GenerationReport, LoadedModel } from "../../src/worker/loaded-model.js";
import { Session } from "../../src/worker/session.js";

const DECODED: Record<number, string> = { 3: " three", 1: "", 4: "\ufffd" };
const pieceTokenizer = {
  name: "scripted",
  vocabSize: 10,
  specialTokens: new Map([["<s>", 5]]),
  idToPiece: (id: number) => (id === 5 ? "<s>" : `p${id}`),
  decode: (ids: number[]) => DECODED[ids[0] as number] ?? "",
} as unknown as Tokenizer;

function scriptedModel(log: string[]): LoadedModel {
  return {
    format: "llama2c",
    config: { norm: "rms", positions: "rope", ffn: "swiglu", bias: false, dim: 4, hiddenDim: 8, layers: 1, heads: 2, kvHeads: 1, vocabSize: 10, seqLen: 16, sharedClassifier: true },
    params: { rows: [], totalByFormula: 1, totalActual: 1 },
    tokenizer: pieceTokenizer,
    async generate(_prompt, settings, _top, signal, onStep): Promise<GenerationReport> {
      const ids: number[] = [];
      for (let i = 0; i < settings.maxTokens; i++) {
        await new Promise((r) => setTimeout(r, 2));
        if (signal.aborted) return { ids, text: "", promptTokens: 1, stopReason: "aborted", prefillMs: 1, decodeMs: 10 };
        ids.push(i);
        onStep({ id: i, text: `t${i}`, prob: 0.5, top: [] });
      }
      return { ids, text: ids.map((i) => `t${i}`).join(""), promptTokens: 1, stopReason: "max-tokens", prefillMs: 1, decodeMs: 100 };
    },
    attention: () => ({ ids: [5, 3, 1, 4], layers: 1, heads: 2, T: 4, weights: new Float32Array(32) }),
    dispose: () => log.push("dispose"),
  };
}

interface Seen {
  checkpoint?: CheckpointFiles;
  tokenizerName?: string;
  kernelOptions?: KernelsOptions;
}

function session(log: string[], seen: Seen = {}) {
  return new Session({
    createKernels: (o) => {
      seen.kernelOptions = o;
      return createKernels({ ...o, backend: "js" });
    },
    loadTokenizerFile: (name) => {
      seen.tokenizerName = name;
      return pieceTokenizer;
    },
    loadCheckpoint: (files) => {
      seen.checkpoint = files;
      log.push("load");
      return scriptedModel(log);
    },
    crossOriginIsolated: true,
    hardwareConcurrency: 8,
  });
}

const settings = { temperature: 0, topK: 0, topP: 1, seed: 1, maxTokens: 5 };

describe("Session", () => {
  it("loads the in-page demo model: llama2.c bytes with the header the demo config gives, marked untrained", async () => {
    const seen: Seen = {};
    const s = session([], seen);
    const stages: LoadProgress[] = [];
    const card = await s.loadModel({ kind: "demo", seed: 5 }, (p) => stages.push(p));
    expect(card.untrained).toBe(true);
    expect(card.source).toMatch(/UNTRAINED/);
    expect(seen.tokenizerName).toBe("demo-tokenizer.bin");
    expect(seen.checkpoint?.format).toBe("llama2c");
    const bytes = seen.checkpoint?.format === "llama2c" ? seen.checkpoint.checkpoint : new Uint8Array(28);
    const header = new Int32Array(bytes.slice(0, 28).buffer);
    expect(Array.from(header.slice(0, 5))).toEqual([64, 172, 4, 8, 4]);
    expect(stages[0]?.stage).toMatch(/seed 5/);
    expect(card.runtime.crossOriginIsolated).toBe(true);
  });

  it("loads a Hugging Face folder: config.json as text, the safetensors bytes, the tokenizer by its name", async () => {
    const seen: Seen = {};
    const s = session([], seen);
    const config = new TextEncoder().encode('{"model_type":"llama"}').buffer;
    const safetensors = new Uint8Array([1, 2, 3]).buffer;
    const card = await s.loadModel({ kind: "hf-files", name: "tiny-llama", config, safetensors, tokenizerName: "tokenizer.json", tokenizer: new ArrayBuffer(2) }, () => {});
    expect(seen.checkpoint).toEqual({ format: "huggingface", name: "tiny-llama", config: '{"model_type":"llama"}', safetensors: new Uint8Array([1, 2, 3]) });
    expect(seen.tokenizerName).toBe("tokenizer.json");
    expect(card.name).toBe("tiny-llama");
    expect(card.untrained).toBe(false);
    expect(card.source).toMatch(/Hugging Face folder tiny-llama/);
  });

  it("fetches a Hugging Face folder URL's three files and names the model after the repository", async () => {
    const seen: Seen = {};
    const s = session([], seen);
    const asked: string[] = [];
    const realFetch = globalThis.fetch;
    globalThis.fetch = (async (url: string) => {
      asked.push(url);
      return new Response(url.endsWith("config.json") ? '{"model_type":"gpt2"}' : new Uint8Array([7]));
    }) as typeof fetch;
    try {
      const card = await s.loadModel({ kind: "hf-url", folderUrl: "https://huggingface.co/org/tiny/resolve/main" }, () => {});
      expect(asked).toEqual(["config.json", "model.safetensors", "tokenizer.json"].map((f) => `https://huggingface.co/org/tiny/resolve/main/${f}`));
      expect(card.name).toBe("org/tiny");
      expect(seen.checkpoint).toMatchObject({ format: "huggingface", config: '{"model_type":"gpt2"}' });
      expect(seen.tokenizerName).toBe("tokenizer.json");
    } finally {
      globalThis.fetch = realFetch;
    }
  });

  it("streams one event per step, numbered, and reports tokens/s from the decode time", async () => {
    const s = session([]);
    await s.loadModel({ kind: "files", checkpointName: "a.bin", checkpoint: new ArrayBuffer(4), tokenizerName: "t.bin", tokenizer: new ArrayBuffer(4) }, () => {});
    const steps: number[] = [];
    const r = await s.generate({ prompt: "x", settings, topCount: 3 }, (e) => steps.push(e.step));
    expect(steps).toEqual([0, 1, 2, 3, 4]);
    expect(r.stopReason).toBe("max-tokens");
    expect(r.tokensPerSecond).toBeCloseTo(50, 6);
  });

  it("stop aborts the generation in flight", async () => {
    const s = session([]);
    await s.loadModel({ kind: "demo", seed: 1 }, () => {});
    const handlers = s.handlers();
    const running = s.generate({ prompt: "x", settings: { ...settings, maxTokens: 10_000 }, topCount: 3 }, () => {});
    await new Promise((r) => setTimeout(r, 20));
    expect(await handlers.stop({}, () => {})).toEqual({ stopped: true });
    expect((await running).stopReason).toBe("aborted");
    expect(await handlers.stop({}, () => {})).toEqual({ stopped: false });
  });

  it("labels attention tokens by their text, falling back to the piece for specials, empty text and split characters", async () => {
    const s = session([]);
    await s.loadModel({ kind: "demo", seed: 1 }, () => {});
    const a = s.attention("whatever");
    expect(a.pieces).toEqual(["<s>", " three", "p1", "p4"]);
    expect(a.weights.length).toBe(32);
  });

  it("disposes the previous model when a new one loads", async () => {
    const log: string[] = [];
    const s = session(log);
    await s.loadModel({ kind: "demo", seed: 1 }, () => {});
    await s.loadModel({ kind: "demo", seed: 2 }, () => {});
    expect(log).toEqual(["load", "dispose", "load"]);
  });

  it("asks for up to 4 threads when isolated, and the exact build chosen in the kernels selector", async () => {
    const seen: Seen = {};
    const s = session([], seen);
    await s.runtime();
    expect(seen.kernelOptions).toEqual({ threads: 4 });
    await s.configureKernels({ backend: "wasm-simd", threads: 2 }, () => {});
    expect(seen.kernelOptions).toEqual({ backend: "wasm", variant: "simd", threads: 2 });
    await s.configureKernels({ backend: "js", threads: "auto" }, () => {});
    expect(seen.kernelOptions).toEqual({ backend: "js", threads: 1 });
  });

  it("reloads the loaded model onto new kernels from the same files, keeping the untrained label", async () => {
    const log: string[] = [];
    const seen: Seen = {};
    const s = session(log, seen);
    await s.loadModel({ kind: "demo", seed: 9 }, () => {});
    const first = seen.checkpoint;
    const r = await s.configureKernels({ backend: "js", threads: 1 }, () => {});
    expect(log).toEqual(["load", "dispose", "load"]);
    expect(seen.checkpoint).toBe(first);
    expect(r.model?.untrained).toBe(true);
    expect(r.runtime.backend).toBe("js");
  });

  it("refuses a malformed kernel choice, naming it", async () => {
    const s = session([]);
    await expect(s.configureKernels({ backend: "gpu" as "js", threads: 1 }, () => {})).rejects.toThrow(/bad choice .*gpu/);
    await expect(s.configureKernels({ backend: "js", threads: 0 }, () => {})).rejects.toThrow(/bad choice/);
  });
});
