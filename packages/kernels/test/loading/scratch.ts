// A scratch consumer project in a temp directory: test/loading/*.js copied in, and
// node_modules/@wasmformer/kernels linked to this package (its built dist/ and build/), exactly as
// an installed dependency would resolve through the package's `exports` map.

import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const packageRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

export interface Scratch {
  dir: string;
  remove(): void;
}

export function makeScratchProject(): Scratch {
  const dir = mkdtempSync(join(tmpdir(), "wasmformer-kernels-consumer-"));
  for (const f of ["suite.js", "node-main.js", "browser-main.js"]) cpSync(join(packageRoot, "test", "loading", f), join(dir, f));
  mkdirSync(join(dir, "node_modules", "@wasmformer"), { recursive: true });
  symlinkSync(packageRoot, join(dir, "node_modules", "@wasmformer", "kernels"), "dir");
  cpSync(join(packageRoot, "test", "loading", "package.json.txt"), join(dir, "package.json"));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
