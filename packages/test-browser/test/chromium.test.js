import { existsSync } from "node:fs";
import { chromium } from "playwright-core";
import { afterEach, describe, expect, it } from "vitest";
import { CHROMIUM_ARGS, chromiumExecutable } from "../src/index.js";

const saved = process.env.CHROMIUM_PATH;
afterEach(() => {
  if (saved === undefined) delete process.env.CHROMIUM_PATH;
  else process.env.CHROMIUM_PATH = saved;
});

describe("chromiumExecutable", () => {
  it("finds a Chromium that starts headless and runs WebAssembly SIMD and Web Workers", async () => {
    const { path, source } = await chromiumExecutable();
    expect(existsSync(path)).toBe(true);
    expect(["CHROMIUM_PATH", "system", "@sparticuz/chromium"]).toContain(source);
    const browser = await chromium.launch({ executablePath: path, args: [...CHROMIUM_ARGS] });
    try {
      const page = await browser.newPage();
      // (module (func (result v128) (v128.const i32x4 0 0 0 0))): valid only where SIMD128 exists.
      const simd = Uint8Array.from([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 22, 1, 20, 0, 253, 12, ...new Array(16).fill(0), 11]);
      const seen = await page.evaluate((bytes) => ({
        simd: WebAssembly.validate(new Uint8Array(bytes)),
        worker: typeof Worker,
      }), [...simd]);
      // SharedArrayBuffer needs a cross-origin-isolated page: the kernels' suite checks threads there.
      expect(seen).toEqual({ simd: true, worker: "function" });
    } finally {
      await browser.close();
    }
  });

  it("names a CHROMIUM_PATH that does not exist instead of falling back silently", async () => {
    process.env.CHROMIUM_PATH = "/no/such/chromium";
    await expect(chromiumExecutable()).rejects.toThrow("CHROMIUM_PATH is /no/such/chromium, which does not exist");
  });
});
