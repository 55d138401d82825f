// Zero-config loading: the built package (dist/ + embedded wasm bytes) is imported by a scratch
// consumer project in plain Node, and bundled with esbuild, Vite and webpack 5, each bundle then run.
// No bundler gets any configuration for the wasm. The bundles must not contain `node:` imports or
// top-level await (an iife build fails on top-level await), since they are browser bundles.
// The same suite runs in headless Chromium in test-browser/.

import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build as esbuild } from "esbuild";
import { build as viteBuild } from "vite";
import webpack from "webpack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeScratchProject, packageRoot, type Scratch } from "./loading/scratch.js";

interface SuiteResult {
  info: { backend: string; variant: string; threads: number; reason: string };
  out: Record<string, number[]>;
}

const runNode = (file: string, options: object, cwd: string): SuiteResult =>
  JSON.parse(
    execFileSync(process.execPath, ["--experimental-wasm-relaxed-simd", file, JSON.stringify(options)], { cwd, encoding: "utf8" }),
  ) as SuiteResult;

describe("zero-config loading of the built package", () => {
  let scratch: Scratch;
  let direct: SuiteResult;
  beforeAll(() => {
    readFileSync(join(packageRoot, "dist", "index.js")); // built by `pnpm build` (turbo runs it before test)
    scratch = makeScratchProject();
    direct = runNode("node-main.js", { variant: "simd" }, scratch.dir);
  });
  afterAll(() => scratch?.remove());

  it("Node ESM imports @wasmformer/kernels from a consumer project and runs the wasm kernels", () => {
    expect(direct.info).toMatchObject({ backend: "wasm", variant: "simd", threads: 1 });
    expect(direct.out.exact).toEqual([4, 2, 12, -2]);
    expect(direct.out["matmul 1x288x768"]).toHaveLength(768);
    expect(direct.out["packed gemv memory"]).toHaveLength(203);
    expect(direct.out["packed gemv memory"]).toEqual(direct.out["packed gemv cache"]);
    // The same code through the raw .wasm file the package exports, passed as bytes.
    const bytes = readFileSync(join(scratch.dir, "node_modules/@wasmformer/kernels/build/kernels-simd.wasm"));
    expect(WebAssembly.validate(bytes)).toBe(true);
  });

  it("Node picks relaxed-simd by itself when the engine has it, and runs threads=2", () => {
    const auto = runNode("node-main.js", {}, scratch.dir);
    expect(auto.info.variant).toBe("relaxed-simd");
    const threaded = runNode("node-main.js", { variant: "simd", threads: 2 }, scratch.dir);
    expect(threaded.info.threads).toBe(2);
    expect(threaded.out).toEqual(direct.out);
  });

  it("esbuild bundles it for the browser (iife) with no configuration; the bundle runs", async () => {
    const result = await esbuild({
      entryPoints: [join(scratch.dir, "node-main.js")],
      absWorkingDir: scratch.dir,
      bundle: true,
      platform: "browser",
      format: "iife",
      write: false,
      logLevel: "silent",
    });
    const code = result.outputFiles[0]!.text;
    expect(code).toContain("createKernels");
    expect(code).not.toMatch(/["']node:/);
    const out = join(scratch.dir, "esbuild-bundle.cjs");
    writeFileSync(out, code);
    expect(runNode(out, { variant: "simd" }, scratch.dir).out).toEqual(direct.out);
  });

  it("Vite builds it with no configuration; the bundle runs", async () => {
    const outDir = join(scratch.dir, "vite-dist");
    await viteBuild({
      configFile: false,
      root: scratch.dir,
      logLevel: "silent",
      build: {
        outDir,
        lib: { entry: join(scratch.dir, "node-main.js"), formats: ["es"], fileName: "bundle" },
        rollupOptions: { external: [] },
      },
    });
    const code = readFileSync(join(outDir, "bundle.js"), "utf8");
    expect(code).toContain("createKernels"); // the package is inside the bundle, not left external
    expect(code).not.toMatch(/["']node:/);
    expect(runNode(join(outDir, "bundle.js"), { variant: "simd" }, scratch.dir).out).toEqual(direct.out);
  });

  it("webpack 5 bundles it for the browser with no configuration for the wasm; the bundle runs", async () => {
    const outDir = join(scratch.dir, "webpack-dist");
    const compiler = webpack({
      mode: "production",
      target: "web",
      context: scratch.dir,
      entry: "./node-main.js",
      output: { path: outDir, filename: "bundle.js" },
      // Defaults otherwise; `performance` only stops webpack warning that the embedded wasm is large.
      performance: { hints: false },
    });
    const stats = await new Promise<webpack.Stats>((resolve, reject) =>
      compiler.run((err, result) => (err || !result ? reject(err ?? new Error("webpack gave no stats")) : resolve(result))),
    );
    await new Promise<void>((resolve) => compiler.close(() => resolve()));
    expect(stats.toJson({ all: false, errors: true }).errors ?? []).toEqual([]);
    const code = readFileSync(join(outDir, "bundle.js"), "utf8");
    expect(code).toContain("createKernels");
    expect(code).not.toMatch(/["']node:/);
    expect(runNode(join(outDir, "bundle.js"), { variant: "simd" }, scratch.dir).out).toEqual(direct.out);
  });
});
