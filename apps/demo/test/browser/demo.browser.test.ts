// The built demo in headless Chromium: tokenizer ids against the tokenizer package and js-tiktoken in
// Node, the stories260K fixture loaded through the file inputs and generated greedily (llama2.c's
// expected story), the same weights as a Hugging Face safetensors folder, the attention heatmap
// (drawn, causal), a responsive page while generating, a screenshot per panel, and no console errors.

import { hfLlamaFromLlama2c, readLlama2c } from "@wasmformer/test-checkpoints";
import { fixturePath, readFixture } from "@wasmformer/test-fixtures";
import { TIKTOKEN_ENCODINGS, createEncoding, loadLlama2cTokenizer, loadTokenizer } from "@wasmformer/tokenizer";
import cl100k from "js-tiktoken/ranks/cl100k_base";
import { Tiktoken } from "js-tiktoken/lite";
import type { Browser, Page } from "playwright-core";
import type { PreviewServer } from "vite";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeCheckpoint } from "../../src/logic/llama2c-format.js";
import type { Exposed } from "../../src/app.js";
import { launch, openPage, screenshotPath, startPreview } from "./harness.js";

/** llama2.c's expectation for stories260K + tok512, greedy (its first two sentences). */
const EXPECTED_STORY = "Once upon a time, there was a little girl named Lily. She loved to play outside in the park.";

let server: PreviewServer;
let browser: Browser;
let page: Page;
let problems: string[];

const exposed = (): Promise<Exposed> => page.evaluate(() => (window as unknown as { __wasmformerDemo: Exposed }).__wasmformerDemo);

beforeAll(async () => {
  const started = await startPreview();
  server = started.server;
  browser = await launch();
  ({ page, problems } = await openPage(browser, started.url));
  await page.waitForFunction(() => (window as unknown as { __wasmformerDemo?: Exposed }).__wasmformerDemo?.runtime !== undefined);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("demo page in Chromium", () => {
  it("starts the worker on the WASM kernels, cross-origin isolated by the preview server's headers", async () => {
    const { runtime } = await exposed();
    expect(runtime?.backend).toBe("wasm");
    expect(["simd", "relaxed-simd"]).toContain(runtime?.variant);
    expect(runtime?.crossOriginIsolated).toBe(true);
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    expect(runtime?.threads).toBe(Math.min(4, cores));
    expect(await page.textContent("[data-testid=runtime]")).toContain("WASM");
  });

  it("tokenizes typed text with cl100k_base to the same ids as the tokenizer package and js-tiktoken in Node", async () => {
    const text = "Hello, wörld! 🤖 東京 tokens   split\nacross lines: 12345 don't";
    await page.fill("[data-testid=tokenizer-input]", text);
    await page.waitForFunction((n) => (window as unknown as { __wasmformerDemo: Exposed }).__wasmformerDemo.tokenize["cl100k_base"]?.chars === n, text.length);
    const shown = await page.textContent("[data-testid=ids-cl100k_base]");
    const pageIds = JSON.parse(shown ?? "null") as number[];
    const ours = createEncoding(TIKTOKEN_ENCODINGS.cl100k_base, cl100k).encode(text);
    const reference = new Tiktoken(cl100k).encode(text);
    expect(pageIds).toEqual(reference);
    expect(pageIds).toEqual(ours);
    const chips = await page.locator("[data-testid=row-cl100k_base] .chip").count();
    expect(chips).toBeGreaterThan(5);
    expect(chips).toBeLessThanOrEqual(pageIds.length);
  });

  it("adds llama2.c's tok512.bin as a tokenizer file and encodes like the tokenizer package in Node", async () => {
    const text = "Lily saw a big, red ball in the park. 😀";
    await page.fill("[data-testid=tokenizer-input]", text);
    await page.setInputFiles("[data-testid=tokenizer-playground-file]", fixturePath("llama2c/tok512.bin"));
    await page.waitForSelector("[data-testid='ids-tok512.bin']");
    await page.waitForFunction((n) => (window as unknown as { __wasmformerDemo: Exposed }).__wasmformerDemo.tokenize["tok512.bin"]?.chars === n, text.length);
    const pageIds = JSON.parse((await page.textContent("[data-testid='ids-tok512.bin']")) ?? "null") as number[];
    const expected = loadLlama2cTokenizer(readFixture("llama2c/tok512.bin")).encode(text);
    expect(pageIds).toEqual(expected);
    expect(pageIds[0]).toBe(1); // BOS, as run.c encodes prompts
    expect(pageIds.filter((id) => id >= 3 && id < 259).length).toBeGreaterThanOrEqual(4); // the emoji's UTF-8 bytes fall back to <0xNN>
    expect(await page.locator("[data-testid=row-cl100k_base]").count()).toBe(1); // both splits side by side
    await page.locator("#tokenizer").screenshot({ path: screenshotPath("tokenizer-panel") });
  });

  it("adds the Llama 2 SentencePiece tokenizer.model and encodes like the tokenizer package in Node", async () => {
    const text = "Lily saw a big, red ball in the park. 😀";
    await page.setInputFiles("[data-testid=tokenizer-playground-file]", fixturePath("llama2c/tokenizer.model"));
    await page.waitForFunction(() => (window as unknown as { __wasmformerDemo: Exposed }).__wasmformerDemo.tokenize["tokenizer.model"] !== undefined);
    const pageIds = JSON.parse((await page.textContent("[data-testid='ids-tokenizer.model']")) ?? "null") as number[];
    const expected = loadTokenizer(readFixture("llama2c/tokenizer.model"), { filename: "tokenizer.model" }).encode(text);
    expect(pageIds).toEqual(expected);
    expect(pageIds.length).toBeGreaterThan(8);
  });

  it("loads stories260K + tok512 through the file inputs and shows the model card", async () => {
    await page.setInputFiles("[data-testid=checkpoint-file]", fixturePath("llama2c/stories260K.bin"));
    await page.setInputFiles("[data-testid=tokenizer-file]", fixturePath("llama2c/tok512.bin"));
    await page.click("[data-testid=load-files]");
    await page.waitForFunction(() => (window as unknown as { __wasmformerDemo: Exposed }).__wasmformerDemo.model !== undefined, undefined, { timeout: 30_000 });
    const { model } = await exposed();
    expect(model?.config).toMatchObject({ dim: 64, hiddenDim: 172, layers: 5, heads: 8, kvHeads: 4, vocabSize: 512, seqLen: 512, sharedClassifier: true });
    expect(model?.format).toBe("llama2c");
    expect(model?.untrained).toBe(false);
    // The file is 28 header bytes + f32 weights + the legacy freq_cis block (seqLen × headSize/2 × 2).
    const legacy = 512 * (64 / 8 / 2) * 2;
    expect(model?.totalActual).toBe((1056540 - 28) / 4 - legacy);
    expect(await page.locator("[data-testid=param-table] tbody tr").count()).toBeGreaterThan(3);
    await page.locator("#model").screenshot({ path: screenshotPath("model-panel") });
  });

  it("loads the same checkpoint and tokenizer from URLs (fetched by the worker, with progress)", async () => {
    // Same-origin URLs answered by Playwright with the fixture bytes (nothing else serves them).
    await page.route("**/fixture-files/*", (route) => {
      const name = new URL(route.request().url()).pathname.split("/").pop() ?? "";
      return route.fulfill({ status: 200, contentType: "application/octet-stream", body: Buffer.from(readFixture(`llama2c/${name}`)) });
    });
    await page.fill("[data-testid=checkpoint-url]", "fixture-files/stories260K.bin");
    await page.fill("[data-testid=tokenizer-url]", "fixture-files/tok512.bin");
    await page.evaluate(() => ((window as unknown as { __wasmformerDemo: Exposed }).__wasmformerDemo.model = undefined));
    await page.click("[data-testid=load-url]");
    await page.waitForFunction(() => (window as unknown as { __wasmformerDemo: Exposed }).__wasmformerDemo.model !== undefined, undefined, { timeout: 30_000 });
    const { model } = await exposed();
    expect(model?.name).toBe("stories260K.bin");
    expect(model?.source).toMatch(/^URL http.*fixture-files\/stories260K\.bin$/);
    expect(model?.config.vocabSize).toBe(512);
  });

  it("generates greedily from the empty prompt: llama2.c's expected story, with a responsive page", async () => {
    await page.fill("[data-testid=gen-prompt]", "");
    await page.fill("[data-testid=gen-temperature]", "0");
    await page.fill("[data-testid=gen-max]", "200");
    // A 10 ms timer on the page: the longest gap between its ticks while the worker generates.
    await page.evaluate(() => {
      const w = window as unknown as { __maxGap: number; __timer: number };
      let last = performance.now();
      w.__maxGap = 0;
      w.__timer = window.setInterval(() => {
        const now = performance.now();
        w.__maxGap = Math.max(w.__maxGap, now - last);
        last = now;
      }, 10);
    });
    await page.click("[data-testid=gen-start]");
    await page.waitForFunction(() => (window as unknown as { __wasmformerDemo: Exposed }).__wasmformerDemo.generation !== undefined, undefined, { timeout: 60_000 });
    const maxGap = await page.evaluate(() => {
      const w = window as unknown as { __maxGap: number; __timer: number };
      clearInterval(w.__timer);
      return w.__maxGap;
    });
    const { generation } = await exposed();
    expect(generation?.text.startsWith(EXPECTED_STORY)).toBe(true);
    expect(generation?.tokensPerSecond).toBeGreaterThan(0);
    expect(await page.textContent("[data-testid=gen-output]")).toContain(EXPECTED_STORY);
    expect(await page.locator("[data-testid=gen-bars] .bar.sampled").count()).toBe(1);
    expect(maxGap).toBeLessThan(250);
    await page.locator("#generate").screenshot({ path: screenshotPath("generation-panel") });
  });

  it("draws the attention heatmap: ink on and below the diagonal, nothing above it (causal mask)", async () => {
    await page.click("[data-testid=attn-run]");
    await page.waitForFunction(() => (window as unknown as { __wasmformerDemo: Exposed }).__wasmformerDemo.attention !== undefined, undefined, { timeout: 30_000 });
    const { attention } = await exposed();
    if (!attention) throw new Error("no attention data exposed");
    const { T, layers, heads, weights } = attention;
    expect(T).toBeGreaterThan(5);
    expect(weights.length).toBe(layers * heads * T * T);
    // Independent checks on the raw weights: each query row is a distribution over keys 0..row.
    for (let m = 0; m < layers * heads; m++)
      for (let r = 0; r < T; r++) {
        let sum = 0;
        for (let c = 0; c < T; c++) {
          const w = weights[(m * T + r) * T + c] as number;
          if (c > r) expect(w).toBe(0);
          sum += w;
        }
        expect(Math.abs(sum - 1)).toBeLessThan(1e-4);
      }
    expect(attention.upperTriangleMax).toBe(0);
    // The canvas as drawn: white strictly above the diagonal, coloured on it (the first row is all on key 0).
    const pixels = await page.evaluate(() => {
      const canvas = document.querySelector<HTMLCanvasElement>("[data-testid=attn-canvas]");
      const ctx = canvas?.getContext("2d");
      if (!canvas || !ctx) return null;
      return { w: canvas.width, data: Array.from(ctx.getImageData(0, 0, canvas.width, canvas.height).data) };
    });
    if (!pixels) throw new Error("no heatmap canvas");
    expect(pixels.w).toBe(T);
    let upperInk = 0;
    let lowerInk = 0;
    for (let r = 0; r < T; r++)
      for (let c = 0; c < T; c++) {
        const i = (r * T + c) * 4;
        const white = pixels.data[i] === 255 && pixels.data[i + 1] === 255 && pixels.data[i + 2] === 255;
        if (c > r && !white) upperInk++;
        if (c <= r && !white) lowerInk++;
      }
    expect(upperInk).toBe(0);
    expect(lowerInk).toBeGreaterThan(T);
    expect(attention.canvasInkPixels).toBe(lowerInk);
    expect(await page.locator("[data-testid=attn-multiples] canvas").count()).toBe(heads + 1);
    const canvas = page.locator("[data-testid=attn-canvas]");
    const box = await canvas.boundingBox();
    if (!box) throw new Error("heatmap not visible");
    await canvas.hover({ position: { x: box.width * 0.1, y: box.height * 0.9 } });
    expect(await page.textContent("[data-testid=attn-readout]")).toMatch(/→ key \d+ .*: \d\.\d{4}/);
    await canvas.focus();
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("ArrowRight");
    expect(await page.textContent("[data-testid=attn-readout]")).toMatch(/^query \d+ .*(→ key|cannot see key)/);
    await page.locator("#attention").screenshot({ path: screenshotPath("attention-panel") });
  });

  it("loads the same weights as a Hugging Face folder (config.json + model.safetensors + tokenizer) and generates the same story", async () => {
    const dir = mkdtempSync(join(tmpdir(), "demo-hf-"));
    const hf = hfLlamaFromLlama2c(readLlama2c(readFixture("llama2c/stories260K.bin")));
    writeFileSync(join(dir, "config.json"), hf.config);
    writeFileSync(join(dir, "model.safetensors"), hf.safetensors);
    writeFileSync(join(dir, "tok512.bin"), readFixture("llama2c/tok512.bin"));
    try {
      await page.setInputFiles("[data-testid=hf-files]", ["config.json", "model.safetensors", "tok512.bin"].map((f) => join(dir, f)));
      await page.evaluate(() => ((window as unknown as { __wasmformerDemo: Exposed }).__wasmformerDemo.model = undefined));
      await page.click("[data-testid=load-hf]");
      await page.waitForFunction(() => (window as unknown as { __wasmformerDemo: Exposed }).__wasmformerDemo.model !== undefined, undefined, { timeout: 30_000 });
      const { model } = await exposed();
      expect(model?.format).toBe("huggingface");
      expect(model?.config).toMatchObject({ dim: 64, layers: 5, heads: 8, kvHeads: 4, vocabSize: 512, norm: "rms", positions: "rope" });
      expect(model?.totalActual).toBe((1056540 - 28) / 4 - 512 * (64 / 8 / 2) * 2);
      await page.fill("[data-testid=gen-prompt]", "");
      await page.fill("[data-testid=gen-temperature]", "0");
      await page.fill("[data-testid=gen-max]", "40");
      await page.evaluate(() => ((window as unknown as { __wasmformerDemo: Exposed }).__wasmformerDemo.generation = undefined));
      await page.click("[data-testid=gen-start]");
      await page.waitForFunction(() => (window as unknown as { __wasmformerDemo: Exposed }).__wasmformerDemo.generation !== undefined, undefined, { timeout: 60_000 });
      const { generation } = await exposed();
      expect(generation?.text.startsWith(EXPECTED_STORY.slice(0, 60))).toBe(true);
      expect(generation?.ids.length).toBe(40);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("builds the random-weight demo model in the page, labels it untrained, and samples from it reproducibly", async () => {
    await page.click("[data-testid=load-demo]");
    await page.waitForFunction(() => (window as unknown as { __wasmformerDemo: Exposed }).__wasmformerDemo.model?.untrained === true, undefined, { timeout: 30_000 });
    expect(await page.isVisible("[data-testid=untrained-badge]")).toBe(true);
    // Sampled generation on it: up to the requested number of tokens, bars for the last step, the same ids again for the same seed.
    const run = async () => {
      await page.evaluate(() => ((window as unknown as { __wasmformerDemo: Exposed }).__wasmformerDemo.generation = undefined));
      await page.click("[data-testid=gen-start]");
      await page.waitForFunction(() => (window as unknown as { __wasmformerDemo: Exposed }).__wasmformerDemo.generation !== undefined);
      return (await exposed()).generation;
    };
    await page.fill("[data-testid=gen-prompt]", "the girl");
    await page.fill("[data-testid=gen-temperature]", "0.9");
    await page.fill("[data-testid=gen-seed]", "5");
    await page.fill("[data-testid=gen-max]", "24");
    const first = await run();
    const second = await run();
    // An untrained model may well sample </s> (or <s>) early, which ends generation as in run.c.
    expect(first?.stopReason === "eos" ? first.ids.length : 24).toBe(first?.ids.length);
    expect(first?.ids.length).toBeGreaterThan(0);
    expect(second?.ids).toEqual(first?.ids);
    expect(await page.locator("[data-testid=gen-bars] .bar").count()).toBeGreaterThanOrEqual(10);
    await page.screenshot({ path: screenshotPath("page"), fullPage: true });
  });

  it("keeps the page responsive while a 7M-parameter model generates in the worker, and Stop stops it", async () => {
    // stories15M's shape with tok512's vocabulary and deterministic pseudo-random weights, written here.
    const config = { dim: 288, hiddenDim: 768, layers: 6, heads: 6, kvHeads: 6, vocabSize: 512, seqLen: 512, sharedClassifier: true };
    const dir = mkdtempSync(join(tmpdir(), "demo-big-"));
    const file = join(dir, "random-15M-shape.bin");
    writeFileSync(file, new Uint8Array(writeCheckpoint(config, (slot, i, fanIn) => (slot.kind === "norm" ? 1 : Math.sin(i * 0.618 + fanIn) / Math.sqrt(fanIn)))));
    try {
      await page.setInputFiles("[data-testid=checkpoint-file]", file);
      await page.setInputFiles("[data-testid=tokenizer-file]", fixturePath("llama2c/tok512.bin"));
      await page.evaluate(() => ((window as unknown as { __wasmformerDemo: Exposed }).__wasmformerDemo.model = undefined));
      await page.click("[data-testid=load-files]");
      await page.waitForFunction(() => (window as unknown as { __wasmformerDemo: Exposed }).__wasmformerDemo.model?.config.dim === 288, undefined, { timeout: 60_000 });
      await page.fill("[data-testid=gen-prompt]", "Once upon a time");
      await page.fill("[data-testid=gen-temperature]", "1");
      await page.fill("[data-testid=gen-max]", "400");
      await page.evaluate(() => {
        const w = window as unknown as { __maxGap: number; __timer: number; __wasmformerDemo: Exposed };
        w.__wasmformerDemo.generation = undefined;
        let last = performance.now();
        w.__maxGap = 0;
        w.__timer = window.setInterval(() => {
          const now = performance.now();
          w.__maxGap = Math.max(w.__maxGap, now - last);
          last = now;
        }, 10);
      });
      await page.click("[data-testid=gen-start]");
      await page.waitForFunction(() => document.querySelectorAll("[data-testid=gen-output] .gen-token").length >= 20, undefined, { timeout: 60_000 });
      await page.click("[data-testid=gen-stop]");
      await page.waitForFunction(() => (window as unknown as { __wasmformerDemo: Exposed }).__wasmformerDemo.generation !== undefined, undefined, { timeout: 60_000 });
      const maxGap = await page.evaluate(() => {
        const w = window as unknown as { __maxGap: number; __timer: number };
        clearInterval(w.__timer);
        return w.__maxGap;
      });
      const { generation } = await exposed();
      expect(generation?.stopReason).toBe("aborted");
      expect(generation?.ids.length).toBeLessThan(400);
      expect(maxGap).toBeLessThan(250);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("logged no console errors", async () => {
    const { errors } = await exposed();
    expect(errors).toEqual([]);
    expect(problems).toEqual([]);
  });
});
