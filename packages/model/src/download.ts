/// <reference types="node" />
// Node only (subpath "@wasmformer/model/download"): fetch a checkpoint over HTTP into a cache
// directory, streaming to disk with progress, verified by sha256 before it is used. A file already in
// the cache with the right hash is not downloaded again.

import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, readFile, rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";

export class DownloadError extends Error {
  readonly url: string;
  constructor(url: string, problem: string) {
    super(`${url}: ${problem}`);
    this.name = "DownloadError";
    this.url = url;
  }
}

export interface DownloadProgress {
  file: string;
  received: number;
  /** From Content-Length, when the server sends it. */
  total: number | undefined;
}

export interface DownloadOptions {
  url: string;
  /** Expected sha256 (hex). Strongly recommended; without it the file is trusted as served. */
  sha256?: string;
  cacheDir: string;
  /** Name in the cache (default: the URL's last path segment). */
  fileName?: string;
  onProgress?: (progress: DownloadProgress) => void;
  signal?: AbortSignal;
}

/** Downloads `url` into `cacheDir` (or finds it there) and returns the file's path. */
export async function downloadToCache(o: DownloadOptions): Promise<string> {
  const name = o.fileName ?? decodeURIComponent(new URL(o.url).pathname.split("/").pop() || "download");
  if (name.includes("/") || name.includes("\\") || name === ".." || name === ".") throw new DownloadError(o.url, `unsafe file name ${JSON.stringify(name)}`);
  const target = join(o.cacheDir, name);
  const expected = o.sha256?.toLowerCase();
  if (expected !== undefined && !/^[0-9a-f]{64}$/.test(expected)) throw new DownloadError(o.url, `sha256 must be 64 hex digits, got ${JSON.stringify(o.sha256)}`);
  if (await exists(target)) {
    if (expected === undefined) return target;
    const cached = createHash("sha256").update(await readFile(target)).digest("hex");
    if (cached === expected) return target;
  }
  await mkdir(o.cacheDir, { recursive: true });
  let response: Response;
  try {
    response = await fetch(o.url, o.signal ? { signal: o.signal } : {});
  } catch (error) {
    throw new DownloadError(o.url, `request failed: ${(error as Error).message}`);
  }
  if (!response.ok || response.body === null) throw new DownloadError(o.url, `HTTP ${response.status} ${response.statusText}`);
  const lengthHeader = response.headers.get("content-length");
  const total = lengthHeader === null ? undefined : Number(lengthHeader);
  const part = `${target}.part`;
  const hash = createHash("sha256");
  const out = createWriteStream(part);
  let received = 0;
  try {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      hash.update(chunk);
      received += chunk.length;
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
      o.onProgress?.({ file: name, received, total });
    }
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  } catch (error) {
    out.destroy();
    await rm(part, { force: true });
    throw new DownloadError(o.url, `download interrupted after ${received} bytes: ${(error as Error).message}`);
  }
  if (total !== undefined && received !== total) {
    await rm(part, { force: true });
    throw new DownloadError(o.url, `received ${received} bytes, Content-Length said ${total}`);
  }
  const actual = hash.digest("hex");
  if (expected !== undefined && actual !== expected) {
    await rm(part, { force: true });
    throw new DownloadError(o.url, `sha256 mismatch: expected ${expected}, got ${actual}`);
  }
  await rename(part, target);
  return target;
}

async function exists(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** Checkpoints this package knows by name, with their hashes. */
export const KNOWN_CHECKPOINTS = {
  stories260K: [
    {
      url: "https://huggingface.co/karpathy/tinyllamas/resolve/main/stories260K/stories260K.bin",
      sha256: "b0a507e7ad0f626624f17112325e66691f9076d622e1d3274d103d00299f2696",
    },
    {
      url: "https://huggingface.co/karpathy/tinyllamas/resolve/main/stories260K/tok512.bin",
      sha256: "037cb335abb25d1fa9e8ecae30ed2a3a8ace9302862ebcdc05d51a6bbb10c312",
    },
  ],
} as const;

/** Downloads every file of a known checkpoint; returns their paths in order. */
export async function downloadKnownCheckpoint(
  name: keyof typeof KNOWN_CHECKPOINTS,
  o: Omit<DownloadOptions, "url" | "sha256" | "fileName">,
): Promise<string[]> {
  const files = KNOWN_CHECKPOINTS[name];
  if (files === undefined) throw new DownloadError(String(name), `unknown checkpoint (known: ${Object.keys(KNOWN_CHECKPOINTS).join(", ")})`);
  const paths: string[] = [];
  for (const f of files) paths.push(await downloadToCache({ ...o, url: f.url, sha256: f.sha256 }));
  return paths;
}
