// The built page on a plain static server (no COOP/COEP): no SharedArrayBuffer, so the kernels run
// single-threaded and the page says so, and everything else still works.

import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Exposed } from "../../src/app.js";
import { launch, openPage, startPlainServer } from "./harness.js";

let server: { url: string; close(): Promise<void> };
let browser: Browser;

beforeAll(async () => {
  server = await startPlainServer();
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("demo page without cross-origin isolation", () => {
  it("runs single-threaded, says so, and still tokenizes", async () => {
    const { page, problems } = await openPage(browser, server.url);
    await page.waitForFunction(() => (window as unknown as { __wasmformerDemo?: Exposed }).__wasmformerDemo?.runtime !== undefined);
    const runtime = await page.evaluate(() => (window as unknown as { __wasmformerDemo: Exposed }).__wasmformerDemo.runtime);
    expect(await page.evaluate(() => window.crossOriginIsolated)).toBe(false);
    expect(runtime?.crossOriginIsolated).toBe(false);
    expect(runtime?.threads).toBe(1);
    expect(await page.textContent("[data-testid=runtime]")).toContain("not cross-origin isolated (single-threaded)");
    await page.fill("[data-testid=tokenizer-input]", "hello world");
    await page.waitForFunction(() => (window as unknown as { __wasmformerDemo: Exposed }).__wasmformerDemo.tokenize["cl100k_base"]?.chars === 11);
    expect(await page.textContent("[data-testid=ids-cl100k_base]")).toBe("[15339, 1917]");
    expect(problems).toEqual([]);
  });
});
