// Timing of one impl with tinybench: calibrate how many calls make one sample (so microsecond
// kernels are not drowned by timer overhead), then let tinybench sample and take the median.
import { Bench } from "tinybench";
import type { Impl } from "../types.js";

export interface TimingOptions {
  /** tinybench time budget per impl, ms. */
  timeMs: number;
  /** Minimum samples. */
  minSamples: number;
  warmupMs: number;
  warmupSamples: number;
  /** Aim for samples at least this long (calls are repeated inside one sample). */
  targetSampleMs: number;
}

export const FULL_TIMING: TimingOptions = { timeMs: 400, minSamples: 5, warmupMs: 100, warmupSamples: 2, targetSampleMs: 1 };
export const QUICK_TIMING: TimingOptions = { timeMs: 15, minSamples: 2, warmupMs: 0, warmupSamples: 1, targetSampleMs: 0.2 };

export interface Timing {
  medianMs: number;
  samples: number;
  callsPerSample: number;
  rmePct: number;
}

function isPromise(v: unknown): v is Promise<void> {
  return typeof v === "object" && v !== null && typeof (v as { then?: unknown }).then === "function";
}

/** Time one call (already warmed up by the agreement check) to pick the calls per sample. */
async function calibrate(impl: Impl, targetMs: number): Promise<number> {
  let calls = 1;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < calls; i++) {
      const r = impl.run();
      if (isPromise(r)) await r;
    }
    const dt = performance.now() - t0;
    if (dt >= targetMs || calls >= 1 << 20) return calls;
    calls = dt <= 0 ? calls * 16 : Math.min(calls * 16, Math.max(calls + 1, Math.ceil((calls * targetMs * 1.2) / dt)));
  }
}

/** A task body repeating the call `calls` times, sync when the impl is sync (no microtask overhead). */
function repeated(impl: Impl, calls: number, async: boolean): () => void | Promise<void> {
  if (!async) {
    return () => {
      for (let i = 0; i < calls; i++) impl.run();
    };
  }
  return async () => {
    for (let i = 0; i < calls; i++) await impl.run();
  };
}

export async function timeImpl(impl: Impl, o: TimingOptions): Promise<Timing> {
  const async = isPromise(impl.run());
  if (async) await impl.run();
  const calls = await calibrate(impl, o.targetSampleMs);
  const bench = new Bench({
    time: o.timeMs,
    iterations: o.minSamples,
    warmupTime: o.warmupMs,
    warmupIterations: o.warmupSamples,
    warmup: o.warmupSamples > 0,
    throws: true,
  });
  bench.add(impl.name, repeated(impl, calls, async), { async });
  await bench.run();
  const task = bench.tasks[0];
  const r = task.result;
  if (r.state !== "completed") {
    throw new Error(`tinybench: ${impl.name} ended in state ${r.state}${"error" in r ? `: ${r.error.message}` : ""}`);
  }
  return {
    medianMs: r.latency.p50 / calls,
    samples: r.latency.samplesCount,
    callsPerSample: calls,
    rmePct: r.latency.rme,
  };
}
