// Pieces of the harness with exact expected values worked out by hand.
import { describe, expect, it } from "vitest";
import { maxRelativeError } from "../src/harness/agreement.js";
import { addRatios, throughput } from "../src/harness/figures.js";
import { CliError, parseArgs } from "../src/cli-args.js";
import { detectWasmFeatures } from "../src/wasm/features.js";
import { extrasText } from "../src/report/table.js";
import type { ImplResult } from "../src/types.js";

const result = (impl: string, kind: ImplResult["kind"], medianMs: number, threads = 1): ImplResult => ({
  impl, kind, threads, medianMs, samples: 1, callsPerSample: 1, rmePct: 0,
});

describe("figures", () => {
  it("turns work and a median into units", () => {
    // 2·1·768·768 flops in 0.05 ms = 23.59296 GFLOP/s
    const t = throughput({ flops: 2 * 768 * 768, bytes: 4e6, elems: 5e5 }, 0.05);
    expect(t.gflops).toBeCloseTo(23.59296, 6);
    expect(t.gbps).toBeCloseTo(80, 9);
    expect(t.melems).toBeCloseTo(10_000, 6);
    expect(t.mbps).toBeUndefined();
  });

  it("ratios: vs the JS twin, and vs the fastest external with the same thread count", () => {
    const rs = [
      result("js", "js", 10),
      result("wasm-simd", "wasm", 1),
      result("wasm-simd-2t", "wasm", 0.5, 2),
      result("tfjs-wasm", "external", 2),
      result("ort-wasm-1t", "external", 4),
      result("ort-wasm-2t", "external", 1, 2),
      result("tfjs-wasm-transposeB", "external", 0.1),
    ];
    addRatios(rs, new Set(["tfjs-wasm-transposeB"]));
    expect(rs[1].vsJs).toBe(10);
    expect(rs[1].vsBestExternal).toBe(2);
    expect(rs[1].bestExternal).toBe("tfjs-wasm");
    expect(rs[2].vsBestExternal).toBe(2);
    expect(rs[2].bestExternal).toBe("ort-wasm-2t");
    expect(rs[3].vsBestExternal).toBeUndefined();
    expect(rs[0].vsJs).toBeUndefined();
  });
});

describe("table extras", () => {
  it("prints the per-impl extras as key=value", () => {
    expect(extrasText({ loadMs: 12, heapMB: 40 })).toBe("loadMs=12 heapMB=40");
    expect(extrasText(undefined)).toBe("");
  });
});

describe("agreement", () => {
  it("is max |a−b| over max |ref|", () => {
    expect(maxRelativeError([1, 2, -4], [1, 2.5, -4])).toBeCloseTo(0.125, 12);
    expect(maxRelativeError([0, 0], [0, 0])).toBe(0);
  });
  it("treats NaN and length mismatches as infinitely wrong", () => {
    expect(maxRelativeError([NaN, 1], [1, 1])).toBe(Infinity);
    expect(maxRelativeError([1], [1, 1])).toBe(Infinity);
  });
});

describe("cli args", () => {
  it("parses suites, flags and values", () => {
    const a = parseArgs(["matmul", "attention", "--quick", "--json", "o.json", "--grep", "gemv", "--no-report"], "/r");
    expect(a).toMatchObject({ suites: ["matmul", "attention"], quick: true, json: "o.json", grep: ["gemv"], reportDir: undefined });
    expect(parseArgs([], "/r").reportDir).toBe("/r");
  });
  it("rejects unknown options and missing values", () => {
    expect(() => parseArgs(["--fast"], "/r")).toThrow(CliError);
    expect(() => parseArgs(["--json"], "/r")).toThrow(/--json needs a value/);
  });
});

describe("wasm feature detection", () => {
  it("agrees with the engine on SIMD (Node 20 has it)", () => {
    expect(detectWasmFeatures().simd).toBe(true);
  });
});
