// runCase on fake cases: single-shot impls and per-case timing overrides.
import { describe, expect, it } from "vitest";
import { runCase } from "../src/harness/run-case.js";
import { QUICK_TIMING } from "../src/harness/timing.js";
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
});
