// Serving the built app with `vite preview` (COOP/COEP headers from vite.config.ts) and driving a
// headless Chromium with playwright-core. The Chromium comes from @wasmformer/test-browser
// ($CHROMIUM_PATH, a system install, or the binary inside the @sparticuz/chromium npm package).
// Console errors and page errors are collected for the "no console errors" check.

import { existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, type Page, chromium } from "playwright-core";
import { type PreviewServer, preview } from "vite";
import { CHROMIUM_ARGS, chromiumExecutable } from "@wasmformer/test-browser";

export const demoDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const resultsDir = join(demoDir, "test-results");

export async function startPreview(): Promise<{ server: PreviewServer; url: string }> {
  if (!existsSync(join(demoDir, "dist", "index.html")))
    throw new Error(`${join(demoDir, "dist")} is missing: build the app first (pnpm --filter @wasmformer/demo build)`);
  const server = await preview({ root: demoDir, configFile: join(demoDir, "vite.config.ts"), logLevel: "error", preview: { host: "127.0.0.1", port: 0, strictPort: false, open: false } });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error("vite preview did not report a URL");
  return { server, url };
}

export async function launch(): Promise<Browser> {
  const { path } = await chromiumExecutable();
  return chromium.launch({ executablePath: path, headless: true, args: [...CHROMIUM_ARGS] });
}

export interface WatchedPage {
  page: Page;
  /** Console errors and uncaught page errors seen so far. */
  problems: string[];
}

export async function openPage(browser: Browser, url: string): Promise<WatchedPage> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("worker", (w) => w.on("console", (m) => m.type() === "error" && problems.push(`worker console: ${m.text()}`)));
  await page.goto(url);
  return { page, problems };
}

export function screenshotPath(name: string): string {
  mkdirSync(resultsDir, { recursive: true });
  return join(resultsDir, `${name}.png`);
}

const MIME: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".wasm": "application/wasm", ".png": "image/png", ".svg": "image/svg+xml" };

/** A plain static server over dist/ that sends NO cross-origin isolation headers (like most static hosts). */
export async function startPlainServer(): Promise<{ url: string; close(): Promise<void> }> {
  const { createServer } = await import("node:http");
  const { readFile } = await import("node:fs/promises");
  const { extname, normalize } = await import("node:path");
  const root = join(demoDir, "dist");
  if (!existsSync(join(root, "index.html"))) throw new Error(`${root} is missing: build the app first (pnpm --filter @wasmformer/demo build)`);
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
    const file = join(root, path.endsWith("/") ? `${path}index.html` : path);
    readFile(file).then(
      (body) => {
        res.writeHead(200, { "content-type": MIME[extname(file)] ?? "application/octet-stream" });
        res.end(body);
      },
      () => {
        res.writeHead(404);
        res.end("not found");
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
