// The worker protocol end to end in Node: the page's WorkerClient and the worker's Session talk over a
// real MessageChannel (structured clone, transfers), exactly as over a Worker.

import { createKernels } from "@wasmformer/kernels";
import cl100k from "js-tiktoken/ranks/cl100k_base";
import { Tiktoken } from "js-tiktoken/lite";
import { MessageChannel } from "node:worker_threads";
import { afterAll, describe, expect, it } from "vitest";
import { WorkerClient, WorkerError } from "../../src/client.js";
import { type Handlers, serve } from "../../src/worker/host.js";
import { Session } from "../../src/worker/session.js";

function connect(handlers: Handlers): { client: WorkerClient; close(): void } {
  const channel = new MessageChannel();
  const asPort = (p: typeof channel.port1) => ({
    postMessage: (m: unknown, t?: Transferable[]) => p.postMessage(m, (t ?? []) as never),
    addEventListener: (_type: "message", l: (e: MessageEvent) => void) => p.on("message", (data) => l({ data } as MessageEvent)),
  });
  serve(asPort(channel.port1), handlers);
  const client = new WorkerClient(asPort(channel.port2));
  return { client, close: () => channel.port1.close() };
}

const session = new Session({
  createKernels: (o) => createKernels(o),
  loadTokenizerFile: (name) => {
    throw new RangeError(`no loader for ${name} in this test`);
  },
  loadCheckpoint: () => {
    throw new Error("no model in this test");
  },
  crossOriginIsolated: false,
  hardwareConcurrency: 2,
});
const { client, close } = connect(session.handlers());
afterAll(close);

describe("worker protocol over a MessageChannel", () => {
  it("init reports the kernels and says a non-isolated page runs one thread", async () => {
    const info = await client.request("init", {});
    expect(["wasm", "js"]).toContain(info.backend);
    expect(info.threads).toBe(1);
    expect(info.crossOriginIsolated).toBe(false);
    expect(info.reason).toMatch(/not cross-origin isolated/);
  });

  it("tokenize returns the ids js-tiktoken gives, with offsets that tile the text", async () => {
    const text = "The quick brown 🦊 jumps over 13 lazy dogs.\n\tIndented — done";
    const r = await client.request("tokenize", { tokenizer: { kind: "tiktoken", name: "cl100k_base" }, text });
    expect(r.tokenizer).toBe("cl100k_base");
    expect(r.tokens.map((t) => t.id)).toEqual(new Tiktoken(cl100k).encode(text));
    expect(r.chars).toBe(text.length);
    expect(r.bytes).toBe(Buffer.byteLength(text));
    expect(r.tokens[0]?.byteStart).toBe(0);
    expect(r.tokens.at(-1)?.byteEnd).toBe(r.bytes);
    for (let i = 1; i < r.tokens.length; i++) expect(r.tokens[i]?.byteStart).toBe(r.tokens[i - 1]?.byteEnd);
  });

  it("answers concurrent requests by id, each with its own result", async () => {
    const texts = ["alpha", "beta gamma", "δέλτα"];
    const results = await Promise.all(texts.map((text) => client.request("tokenize", { tokenizer: { kind: "tiktoken", name: "cl100k_base" }, text })));
    expect(results.map((r) => r.chars)).toEqual(texts.map((t) => t.length));
    expect(client.pending).toBe(0);
  });

  it("turns worker-side failures into WorkerError with the original error name and message", async () => {
    const noModel = client.request("attention", { prompt: "hi" });
    await expect(noModel).rejects.toBeInstanceOf(WorkerError);
    await expect(noModel).rejects.toThrow(/load a model first/);
    const file = client.request("loadTokenizerFile", { name: "x.json", bytes: new ArrayBuffer(4) });
    await expect(file).rejects.toMatchObject({ workerName: "RangeError", message: "no loader for x.json in this test" });
    await expect(client.request("tokenize", { tokenizer: { kind: "model" }, text: "a" })).rejects.toThrow(/no model is loaded/);
  });

  it("rejects an unknown request type instead of hanging", async () => {
    await expect(client.request("nonsense" as "init", {})).rejects.toThrow(/unknown request type "nonsense"/);
  });

  it("streams events before the result", async () => {
    const order: string[] = [];
    const { client: c, close: done } = connect({
      ...session.handlers(),
      loadModel: async (_r, emit) => {
        emit({ stage: "one" });
        emit({ stage: "two", loaded: 1, total: 2 });
        return Promise.reject(new TypeError("stop here"));
      },
    });
    await expect(c.request("loadModel", { source: { kind: "demo", seed: 1 } }, { onEvent: (e) => order.push(e.stage) })).rejects.toThrow("stop here");
    expect(order).toEqual(["one", "two"]);
    done();
  });
});
