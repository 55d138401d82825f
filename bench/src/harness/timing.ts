// Timing with tinybench: calibrate how many calls make one sample (so microsecond kernels are not
// drowned by timer overhead), then let tinybench sample. A case's impls are sampled in rounds, each
// impl a share of its budget per round (run-case.ts), so a slow spell of a shared host — its memory
// bandwidth drifts by tens of percent over seconds — falls on every impl rather than on one, and
// the ratios within a case stay fair. The median is taken over the samples of all rounds.
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
  /** Rounds the impls take turns in; each gets timeMs / rounds and minSamples / rounds (rounded up) per round. Default 1. */
  rounds?: number;
}

export const FULL_TIMING: TimingOptions = { timeMs: 400, minSamples: 5, warmupMs: 100, warmupSamples: 2, targetSampleMs: 1, rounds: 4 };
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

/** One impl being timed: its calls per sample, and the samples (ms per sample) of the rounds so far. */
export interface ImplTimer {
  readonly impl: Impl;
  readonly calls: number;
  readonly async: boolean;
  readonly samples: number[];
}

/** Find out whether the impl is async and calibrate its calls per sample. */
export async function startTimer(impl: Impl, o: TimingOptions): Promise<ImplTimer> {
  const async = isPromise(impl.run());
  if (async) await impl.run();
  return { impl, calls: await calibrate(impl, o.targetSampleMs), async, samples: [] };
}

/** One round of tinybench samples for the timer (warm-up in the first round only). */
export async function sampleRound(t: ImplTimer, o: TimingOptions): Promise<void> {
  const rounds = Math.max(1, o.rounds ?? 1);
  const first = t.samples.length === 0;
  const warmup = first && o.warmupSamples > 0;
  const bench = new Bench({
    time: o.timeMs / rounds,
    iterations: Math.ceil(o.minSamples / rounds),
    warmupTime: warmup ? o.warmupMs : 0,
    warmupIterations: warmup ? o.warmupSamples : 0,
    warmup,
    retainSamples: true,
    throws: true,
  });
  bench.add(t.impl.name, repeated(t.impl, t.calls, t.async), { async: t.async });
  await bench.run();
  const r = bench.tasks[0].result;
  if (r.state !== "completed") {
    throw new Error(`tinybench: ${t.impl.name} ended in state ${r.state}${"error" in r ? `: ${r.error.message}` : ""}`);
  }
  t.samples.push(...(r.latency.samples ?? []));
}

/** Median per call and relative margin of error (95%, t ≈ 1.96) over every round's samples. */
export function summarise(t: ImplTimer): Timing {
  const s = [...t.samples].sort((a, b) => a - b);
  const n = s.length;
  const median = n % 2 === 1 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
  const mean = s.reduce((a, b) => a + b, 0) / n;
  const sd = n > 1 ? Math.sqrt(s.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) : 0;
  return { medianMs: median / t.calls, samples: n, callsPerSample: t.calls, rmePct: mean > 0 ? (100 * 1.96 * sd) / Math.sqrt(n) / mean : NaN };
}
