// One helper for every test that needs the shared fixtures.
// Looks in $WASMFORMER_FIXTURES first, then in ../shared/fixtures next to the repository root.
// Fixture files are never copied into the repository.
import { existsSync, readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

/** The repository root: the nearest ancestor holding pnpm-workspace.yaml. */
export function repoRoot() {
  let dir = here;
  for (;;) {
    if (existsSync(join(dir, "pnpm-workspace.yaml"))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error("test-fixtures: cannot find the repository root (pnpm-workspace.yaml)");
    dir = up;
  }
}

/** The fixtures directory: $WASMFORMER_FIXTURES, else <repo>/../shared/fixtures. */
export function fixturesDir() {
  const env = process.env.WASMFORMER_FIXTURES;
  if (env) return resolve(env);
  return resolve(repoRoot(), "..", "shared", "fixtures");
}

/** Absolute path of a fixture such as "llama2c/stories260K.bin"; throws a clear error if it is missing. */
export function fixturePath(name) {
  const p = join(fixturesDir(), name);
  if (!existsSync(p)) {
    throw new Error(
      `fixture ${name} not found at ${p}. Put the shared fixtures beside the repository ` +
        `(../shared/fixtures) or set WASMFORMER_FIXTURES to their directory.`,
    );
  }
  return p;
}

/** The fixture's bytes. */
export function readFixture(name) {
  return new Uint8Array(readFileSync(fixturePath(name)));
}

/** sha256 of the fixture, hex. */
export function fixtureSha256(name) {
  return createHash("sha256").update(readFileSync(fixturePath(name))).digest("hex");
}

/** The published sha256 of each fixture (from shared/fixtures/llama2c/README.md). */
export const FIXTURE_SHA256 = Object.freeze({
  "llama2c/stories260K.bin": "b0a507e7ad0f626624f17112325e66691f9076d622e1d3274d103d00299f2696",
  "llama2c/tok512.bin": "037cb335abb25d1fa9e8ecae30ed2a3a8ace9302862ebcdc05d51a6bbb10c312",
  "llama2c/tokenizer.bin": "50a52ef822ee9e83de5ce9d0be0a025a773d019437f58b5ff9dcafb063ece361",
  "llama2c/tokenizer.model": "9e556afd44213b6bd1be2b850ebbbd98f5481437a8021afaf58ee7fb1818d347",
});
