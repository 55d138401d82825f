// The kernels in headless Chromium, loaded three zero-config ways — a plain <script type="module">
// page (an import map pointing at dist/), an esbuild bundle, and Vite's dev server (which
// pre-bundles the package) — on every backend/variant/thread count, each compared with the same
// suite run in Node. Chromium comes from @wasmformer/test-browser (system or npm-packaged; no download).

import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { build as esbuild } from "esbuild";
import { chromium, type Browser, type Page } from "playwright-core";
import { createServer, type ViteDevServer } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeScratchProject, packageRoot, type Scratch } from "../test/loading/scratch.js";
import { CHROMIUM_ARGS, chromiumExecutable } from "@wasmformer/test-browser";
import { ISOLATION_HEADERS, serveStatic } from "./server.js";


interface SuiteResult {
  info: { backend: string; variant: string; threads: number; reason: string };
  out: Record<string, number[]>;
}

const configs = [
  { backend: "js" },
  { backend: "wasm", variant: "simd" },
  { backend: "wasm", variant: "relaxed-simd" },
  { backend: "wasm", variant: "simd", threads: 2 },
] as const;

/** Same code, another V8: equal up to a few float32 ulps (the exact product must be exact). */
function expectMatches(browser: SuiteResult, node: SuiteResult): void {
  expect(browser.out.exact).toEqual([4, 2, 12, -2]);
  for (const [name, want] of Object.entries(node.out)) {
    const got = browser.out[name]!;
    expect(got, name).toHaveLength(want.length);
    for (let i = 0; i < want.length; i++)
      expect(Math.abs(got[i]! - want[i]!), `${name}[${i}]: ${got[i]} vs ${want[i]}`).toBeLessThanOrEqual(1e-6 * Math.abs(want[i]!) + 1e-9);
  }
}

describe("kernels in headless Chromium", () => {
  let scratch: Scratch;
  let browser: Browser;
  let staticServer: { url: string; close(): Promise<void> };
  let vite: ViteDevServer;
  const nodeResults = new Map<string, SuiteResult>();

  beforeAll(async () => {
    scratch = makeScratchProject();
    for (const c of configs)
      nodeResults.set(
        JSON.stringify(c),
        JSON.parse(
          execFileSync(process.execPath, ["--experimental-wasm-relaxed-simd", "node-main.js", JSON.stringify(c)], {
            cwd: scratch.dir,
            encoding: "utf8",
          }),
        ) as SuiteResult,
      );
    // esbuild bundle + pages
    const bundle = await esbuild({
      entryPoints: [join(scratch.dir, "browser-main.js")],
      absWorkingDir: scratch.dir,
      bundle: true,
      platform: "browser",
      format: "esm",
      write: false,
      logLevel: "silent",
    });
    writeFileSync(join(scratch.dir, "esbuild-bundle.js"), bundle.outputFiles[0]!.text);
    writeFileSync(join(scratch.dir, "esbuild.html"), '<!doctype html><script type="module" src="/app/esbuild-bundle.js"></script>');
    writeFileSync(
      join(scratch.dir, "plain.html"),
      '<!doctype html><script type="importmap">{"imports":{"@wasmformer/kernels":"/pkg/dist/index.js"}}</script>' +
        '<script type="module" src="/app/browser-main.js"></script>',
    );
    writeFileSync(join(scratch.dir, "index.html"), '<!doctype html><script type="module" src="/browser-main.js"></script>');
    staticServer = await serveStatic({ "/app/": scratch.dir, "/pkg/": packageRoot });
    vite = await createServer({
      configFile: false,
      root: scratch.dir,
      logLevel: "silent",
      server: { port: 0, host: "127.0.0.1", headers: { ...ISOLATION_HEADERS } },
    });
    await vite.listen();
    browser = await chromium.launch({ executablePath: (await chromiumExecutable()).path, args: [...CHROMIUM_ARGS] });
  });

  afterAll(async () => {
    await browser?.close();
    await vite?.close();
    await staticServer?.close();
    scratch?.remove();
  });

  const hosts = [
    { name: "plain <script type=module> + import map", url: () => `${staticServer.url}/app/plain.html` },
    { name: "esbuild bundle", url: () => `${staticServer.url}/app/esbuild.html` },
    { name: "Vite dev server", url: () => vite.resolvedUrls!.local[0]! },
  ];

  describe.each(hosts)("$name", (host) => {
    let page: Page;
    beforeAll(async () => {
      page = await browser.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(String(e)));
      await page.goto(host.url());
      await page.waitForFunction(() => (globalThis as { suiteReady?: boolean }).suiteReady === true, undefined, { timeout: 30_000 }).catch(() => {
        throw new Error(`the page did not load the kernels: ${errors.join("; ") || "no page error"}`);
      });
      expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
    });
    afterAll(async () => page?.close());

    it.each(configs)("%o matches Node", async (config) => {
      const got = (await page.evaluate(
        (c) => (globalThis as unknown as { runSuite(o: object): Promise<SuiteResult> }).runSuite(c),
        config as object,
      )) as SuiteResult;
      expect(got.info).toMatchObject({ backend: config.backend, threads: "threads" in config ? config.threads : 1 });
      if ("variant" in config) expect(got.info.variant).toBe(config.variant);
      expectMatches(got, nodeResults.get(JSON.stringify(config))!);
    });
  });
});
