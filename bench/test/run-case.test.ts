// runCase on fake cases: single-shot impls, per-case timing overrides, impls sampled in turns.
import { describe, expect, it } from "vitest";
import { runCase } from "../src/harness/run-case.js";
import { QUICK_TIMING, summarise } from "../src/harness/timing.js";
import type { BenchCase, Impl } from "../src/types.js";

function counted(name: string, kind: Impl["kind"], extra: Partial<Impl> = {}): Impl & { calls: number } {
  const impl = { name, kind, threads: 1, calls: 0, run: () => void impl.calls++, output: () => Float32Array.of(1), ...extra };
  return impl;
}

const fakeCase = (impls: Impl[], timing?: BenchCase["timing"]): BenchCase => ({
  suite: "fake",
  id: "fake case",
  group: "g",
  shape: "s",
  work: { textBytes: 1000 },
  metric: "ms",
  quick: true,
  timing,
  prepare: async () => ({ impls, dispose: () => {} }),
});

describe("runCase", () => {
  it("times a single-shot impl by its one checked call", async () => {
    const ours = counted("ours", "js");
    const slow = counted("slow", "external", { singleShot: true });
    const result = await runCase(fakeCase([ours, slow]), QUICK_TIMING, () => {});
    expect(slow.calls).toBe(1);
    expect(ours.calls).toBeGreaterThan(1);
    const r = result.impls.find((i) => i.impl === "slow")!;
    expect(r).toMatchObject({ samples: 1, callsPerSample: 1 });
    expect(r.medianMs).toBeGreaterThanOrEqual(0);
    expect(r.check?.ok).toBe(true);
  });

  it("applies the case's timing overrides (few samples, no warm-up)", async () => {
    const impl = counted("ours", "js");
    const result = await runCase(fakeCase([impl], { timeMs: 0, minSamples: 3, warmupSamples: 0, warmupMs: 0, targetSampleMs: 0 }), QUICK_TIMING, () => {});
    // checked call + async probe + calibration + 3 samples
    expect(impl.calls).toBe(6);
    expect(result.impls[0].samples).toBe(3);
  });

  it("samples the impls in interleaved rounds and takes the median over all of them", async () => {
    const order: string[] = [];
    const a = counted("a", "js", { run: () => void order.push("a") });
    const b = counted("b", "wasm", { run: () => void order.push("b") });
    const timing = { timeMs: 0, minSamples: 3, warmupSamples: 0, warmupMs: 0, targetSampleMs: 0, rounds: 3 };
    const result = await runCase(fakeCase([a, b], timing), QUICK_TIMING, () => {});
    // each: checked call, async probe, calibration; then one sample per round, in turns
    expect(order.join("")).toBe("aaabbbababab");
    expect(result.impls.map((r) => r.samples)).toEqual([3, 3]);
  });

  it("drops an impl that throws in a later round with its error, and times the others", async () => {
    let calls = 0;
    const flaky = counted("flaky", "wasm", {
      run: () => {
        if (++calls > 4) throw new Error("worker died");
      },
    });
    const steady = counted("steady", "js");
    const timing = { timeMs: 0, minSamples: 3, warmupSamples: 0, warmupMs: 0, targetSampleMs: 0, rounds: 3 };
    const result = await runCase(fakeCase([steady, flaky], timing), QUICK_TIMING, () => {});
    expect(result.impls.find((r) => r.impl === "flaky")).toMatchObject({ error: expect.stringMatching(/worker died/), samples: 0 });
    expect(result.impls.find((r) => r.impl === "steady")).toMatchObject({ samples: 3 });
    expect(result.impls.map((r) => r.impl)).toEqual(["steady", "flaky"]);
  });

  it("summarises samples per call: median (even and odd counts) and a margin of error", () => {
    const impl = counted("x", "js");
    expect(summarise({ impl, calls: 2, async: false, samples: [4, 1, 3, 2] })).toMatchObject({ medianMs: 1.25, samples: 4, callsPerSample: 2 });
    const odd = summarise({ impl, calls: 1, async: false, samples: [5, 1, 3] });
    expect(odd.medianMs).toBe(3);
    // sd 2, mean 3, n 3: 1.96 · 2 / √3 / 3 = 75.4%
    expect(odd.rmePct).toBeCloseTo(75.44, 1);
  });

  it("computes an impl's figures from its own work when it has one (a probe over its own buffer)", async () => {
    const ours = counted("ours", "js");
    const probe = counted("probe", "probe", { work: { bytes: 4e9 }, output: undefined });
    const timing = { timeMs: 0, minSamples: 1, warmupSamples: 0, warmupMs: 0, targetSampleMs: 0 };
    const result = await runCase(fakeCase([ours, probe], timing), QUICK_TIMING, () => {});
    const [a, b] = result.impls;
    expect(a!.mbps).toBeCloseTo(1000 / 1e6 / (a!.medianMs / 1000), 6); // the case's 1000 text bytes
    expect(b!.mbps).toBeUndefined();
    expect(b!.gbps).toBeCloseTo(4 / (b!.medianMs / 1000), 6);
  });
});
