// The bench's vocabulary: a Suite lists Cases; a Case prepares Impls (one per engine/library) on
// the same data; the harness times each Impl and turns the median into throughput figures.

import type { Engines } from "./engines.js";
import type { TimingOptions } from "./harness/timing.js";

/** The headline unit of a case (what the table and the chart show first). */
export type Metric = "GFLOP/s" | "GB/s" | "Melem/s" | "MB/s" | "tok/s" | "ms";

/** Work done by ONE call of an impl; throughput = work / median time. */
export interface Work {
  /** Floating-point operations (a multiply-add counts 2). See README for each suite's convention. */
  flops?: number;
  /** Bytes that must move through memory (weights + activations read and written, f32 = 4 bytes). */
  bytes?: number;
  /** Elements processed (softmax, norms, rope). */
  elems?: number;
  /** UTF-8 bytes of text processed (tokenizer). */
  textBytes?: number;
  /** Tokens produced or consumed (tokenizer decode, model). */
  tokens?: number;
}

/**
 * Who made an impl: one of our kernels backends, an external library, or a probe
 * (the bandwidth probe; not a competitor).
 */
export type ImplKind = "js" | "wasm" | "external" | "probe";

export interface Impl {
  /** e.g. "js", "wasm-simd", "wasm-relaxed-simd×2", "tfjs-wasm", "ort-wasm-2t". */
  name: string;
  kind: ImplKind;
  threads: number;
  /** One call of the operation. Must not allocate on our side's hot path. */
  run(): void | Promise<void>;
  /** The output after run(), for the agreement check (copied out). */
  output?(): Float32Array | Promise<Float32Array>;
  /** Left out of the "best external" figure (e.g. a library path we show only for reference). */
  referenceOnly?: boolean;
  /** The work of one call when it is not the case's (a read probe over its own buffer). */
  work?: Work;
  /** Per-impl extra figures reported beside the timing (e.g. peak memory MB). */
  extras?(): Record<string, number>;
  /**
   * Too slow to repeat (seconds per call): time only the first call, the one the agreement check
   * uses, and report it as the median of one sample.
   */
  singleShot?: boolean;
}

export interface PreparedCase {
  impls: Impl[];
  /** Free every tensor/session the case made. */
  dispose(): void | Promise<void>;
  /** Notes printed under the case (e.g. why an impl is missing). */
  notes?: string[];
}

export interface BenchCase {
  suite: string;
  /** Unique within the run, e.g. "matmul gemv 768x3072". */
  id: string;
  /** Series for the chart and the pivot table, e.g. "gemv", "gemm", "prefill". */
  group: string;
  /** Short shape label for the chart's x-axis, e.g. "768×3072". */
  shape: string;
  work: Work;
  metric: Metric;
  /** Part of the --quick smoke run. */
  quick: boolean;
  /** Max |a−b| / max|ref| allowed between an impl's output and the reference impl's. Default 1e-3. */
  tolerance?: number;
  /** Overrides of the run's timing options for this case (e.g. fewer samples for multi-second calls). */
  timing?: Partial<TimingOptions>;
  prepare(): Promise<PreparedCase>;
}

export interface SuiteContext {
  quick: boolean;
  log(message: string): void;
  /** Our kernels configurations and the external libraries (loaded once, on first use). */
  engines(): Promise<Engines>;
}

export interface Suite {
  name: string;
  description: string;
  /** Resolve the cases (loading whatever the suite needs); throw SuiteUnavailable to skip with a reason. */
  cases(ctx: SuiteContext): Promise<BenchCase[]>;
}

/** Thrown by Suite.cases when the package it measures is not built yet or cannot run here. */
export class SuiteUnavailable extends Error {
  override readonly name = "SuiteUnavailable";
}

export interface AgreementCheck {
  /** The impl compared against (the JS twin when present). */
  reference: string;
  /** max |out − ref| / max |ref|. */
  maxRelErr: number;
  ok: boolean;
}

export interface ImplResult {
  impl: string;
  kind: ImplKind;
  threads: number;
  /** Median time of one call, milliseconds. */
  medianMs: number;
  /** Samples tinybench took; each sample times `callsPerSample` calls. */
  samples: number;
  callsPerSample: number;
  /** Relative margin of error of the sample mean, %. */
  rmePct: number;
  gflops?: number;
  gbps?: number;
  melems?: number;
  mbps?: number;
  toks?: number;
  /** JS twin's median / this median (how many times faster than the JS twin). */
  vsJs?: number;
  /** Best external library's median / this median, and which library that was. */
  vsBestExternal?: number;
  bestExternal?: string;
  check?: AgreementCheck;
  extras?: Record<string, number>;
  /** Set when the impl threw; no figures then. */
  error?: string;
}

export interface CaseResult {
  suite: string;
  id: string;
  group: string;
  shape: string;
  metric: Metric;
  work: Work;
  impls: ImplResult[];
  notes: string[];
}
