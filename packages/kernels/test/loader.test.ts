// The loader: option checks, the `wasm` option (bytes, compiled Module, foreign modules, build
// mismatches) and what `info` reports.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createKernels, detectWasmFeatures } from "../src/index.js";

const build = (name: string): Uint8Array<ArrayBuffer> => new Uint8Array(readFileSync(new URL(`../build/kernels-${name}.wasm`, import.meta.url)));

/** A valid module exporting nothing: (module (memory (import "env" "memory") 1)). */
const FOREIGN = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x02, 0x0f, 0x01, 0x03, 0x65, 0x6e, 0x76, 0x06, 0x6d, 0x65, 0x6d, 0x6f,
  0x72, 0x79, 0x02, 0x00, 0x01,
]);

async function smallMatmul(options: Parameters<typeof createKernels>[0]): Promise<{ y: number[]; reason: string; threads: number }> {
  const kn = await createKernels(options);
  const y = kn.alloc(2);
  kn.matmul({ y, x: kn.tensor([1, 2]), w: kn.tensor([3, 4, -1, 1]), M: 1, K: 2, N: 2 });
  const out = { y: Array.from(y.toArray()), reason: kn.info.reason, threads: kn.info.threads };
  kn.dispose();
  return out;
}

describe("loader", () => {
  it("reports the engine's features and picks relaxed SIMD by itself when it validates", async () => {
    const f = detectWasmFeatures();
    expect(f).toMatchObject({ wasm: true, simd: true, relaxedSimd: true });
    const kn = await createKernels();
    expect(kn.info).toMatchObject({ backend: "wasm", variant: "relaxed-simd", threads: 1 });
    expect(kn.info.reason).toMatch(/engine validates f32x4.relaxed_madd/);
    kn.dispose();
  });

  it("rejects bad options with the option's name", async () => {
    await expect(createKernels({ variant: "avx" as "simd" })).rejects.toThrow(/variant must be/);
    await expect(createKernels({ threads: 1.5 })).rejects.toThrow(/threads must be an integer in \[1, 64\]/);
    await expect(createKernels({ threads: 65 })).rejects.toThrow(RangeError);
    await expect(createKernels({ wasm: 42 as unknown as Uint8Array })).rejects.toThrow(/wasm must be bytes/);
  });

  it("takes the raw builds as bytes or as a compiled Module", async () => {
    const fromBytes = await smallMatmul({ wasm: build("simd") });
    expect(fromBytes.y).toEqual([11, 1]);
    expect(fromBytes.reason).toMatch(/^simd: module supplied through the wasm option/);
    const mod = await WebAssembly.compile(build("relaxed-simd"));
    expect((await smallMatmul({ wasm: mod })).reason).toMatch(/^relaxed-simd: module supplied/);
    // The shared-memory build runs on one thread too (it is given a shared memory).
    expect((await smallMatmul({ wasm: build("simd-shared"), threads: 1 })).y).toEqual([11, 1]);
    const threaded = await smallMatmul({ wasm: build("simd-shared"), threads: 2 });
    expect(threaded.threads).toBe(2);
  });

  it("says why it runs one thread when the supplied build has no shared memory", async () => {
    const r = await smallMatmul({ wasm: build("simd"), threads: 2 });
    expect(r.threads).toBe(1);
    expect(r.reason).toMatch(/threads=2 need the shared-memory build \(kernels-simd-shared.wasm\), running 1/);
  });

  it("rejects a build that contradicts the requested variant, and modules that are not kernels", async () => {
    await expect(createKernels({ wasm: build("relaxed-simd"), variant: "simd" })).rejects.toThrow(
      /wasm is the "relaxed-simd" build but variant "simd" was requested/,
    );
    await expect(createKernels({ wasm: FOREIGN })).rejects.toThrow(/does not export matmul_f32_gemv/);
    await expect(createKernels({ wasm: new Uint8Array([0, 1, 2, 3]) })).rejects.toThrow(WebAssembly.CompileError);
  });
});
