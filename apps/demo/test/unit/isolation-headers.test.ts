// `vite` (dev) and `vite preview` must send COOP/COEP so the page is cross-origin isolated (threads).

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createServer, preview } from "vite";
import { describe, expect, it } from "vitest";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const configFile = join(root, "vite.config.ts");

function expectIsolated(headers: Headers): void {
  expect(headers.get("cross-origin-opener-policy")).toBe("same-origin");
  expect(headers.get("cross-origin-embedder-policy")).toBe("require-corp");
}

describe("cross-origin isolation headers", () => {
  it("the dev server sends them with the page", async () => {
    const server = await createServer({ root, configFile, logLevel: "silent", server: { host: "127.0.0.1", port: 0, strictPort: false, ws: false } });
    await server.listen();
    try {
      const url = server.resolvedUrls?.local[0];
      if (!url) throw new Error("no dev server URL");
      const response = await fetch(url);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain("wasmformer");
      expectIsolated(response.headers);
    } finally {
      await server.close();
    }
  });

  it("the preview server sends them (over a stand-in build, so this needs no `vite build`)", async () => {
    const outDir = mkdtempSync(join(tmpdir(), "demo-preview-"));
    writeFileSync(join(outDir, "index.html"), "<!doctype html><title>stand-in</title>");
    const server = await preview({ root, configFile, logLevel: "silent", build: { outDir }, preview: { host: "127.0.0.1", port: 0, strictPort: false } });
    try {
      const url = server.resolvedUrls?.local[0];
      if (!url) throw new Error("no preview URL");
      const response = await fetch(url);
      expect(await response.text()).toContain("stand-in");
      expectIsolated(response.headers);
    } finally {
      await server.close();
      rmSync(outDir, { recursive: true, force: true });
    }
  });
});
