// The downloader against a local HTTP server (never the internet): streaming with progress, sha256
// verification, the cache, HTTP errors.
import { createServer, type Server } from "node:http";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fixtureSha256, readFixture } from "@wasmformer/test-fixtures";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DownloadError, type DownloadProgress, downloadToCache } from "../src/download.js";

describe("downloadToCache", () => {
  const body = new Uint8Array(readFixture("llama2c/stories260K.bin"));
  let server: Server;
  let base = "";
  let hits = 0;
  let dir = "";
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "wasmformer-dl-"));
    server = createServer((req, res) => {
      hits++;
      if (req.url !== "/m/stories260K.bin") {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { "content-length": body.length });
      // Send in uneven chunks so progress has several steps.
      let at = 0;
      const send = (): void => {
        if (at >= body.length) return void res.end();
        res.write(body.subarray(at, (at += 100_003)), send);
      };
      send();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  });
  afterAll(() => {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("streams the file with progress, verifies sha256, then serves it from the cache", async () => {
    const progress: DownloadProgress[] = [];
    const sha256 = fixtureSha256("llama2c/stories260K.bin");
    const path = await downloadToCache({ url: `${base}/m/stories260K.bin`, sha256, cacheDir: dir, onProgress: (p) => progress.push(p) });
    expect(readFileSync(path)).toEqual(Buffer.from(body));
    expect(progress.length).toBeGreaterThan(3);
    expect(progress.at(-1)).toEqual({ file: "stories260K.bin", received: body.length, total: body.length });
    for (let i = 1; i < progress.length; i++) expect(progress[i]!.received).toBeGreaterThan(progress[i - 1]!.received);
    const before = hits;
    expect(await downloadToCache({ url: `${base}/m/stories260K.bin`, sha256, cacheDir: dir })).toBe(path);
    expect(hits).toBe(before);
  });

  it("refuses a file whose sha256 differs and leaves nothing behind", async () => {
    const other = join(dir, "other");
    const bad = "0".repeat(64);
    await expect(downloadToCache({ url: `${base}/m/stories260K.bin`, sha256: bad, cacheDir: other })).rejects.toThrow(/sha256 mismatch: expected 0{64}, got/);
    expect(readdirSync(other)).toEqual([]);
  });

  it("reports HTTP errors and bad arguments as DownloadError naming the URL", async () => {
    await expect(downloadToCache({ url: `${base}/missing.bin`, cacheDir: dir })).rejects.toThrow(DownloadError);
    await expect(downloadToCache({ url: `${base}/missing.bin`, cacheDir: dir })).rejects.toThrow(/missing\.bin: HTTP 404/);
    await expect(downloadToCache({ url: `${base}/m/stories260K.bin`, sha256: "xyz", cacheDir: dir })).rejects.toThrow(/64 hex digits/);
    expect(existsSync(join(dir, "missing.bin"))).toBe(false);
  });
});
