// Model throughput on @wasmformer/model: decode tok/s (one token per call, positions cycling through
// the context) and prefill tok/s (a 64-token prompt per call), for stories260K (the fixture) and
// random-weight llama2.c checkpoints with the shapes of stories15M and stories110M, written by the
// bench itself in memory (never stored). Each kernels configuration loads its own copy; load time
// and the kernels heap size are reported beside the timing.
import type { Kernels, KernelsOptions } from "@wasmformer/kernels";
import { REFERENCES_SOURCE, RUN_C_REFERENCES } from "../references.js";
import { SuiteUnavailable, type BenchCase, type Impl, type Suite, type SuiteContext } from "../types.js";
import { OUT_OF_CACHE_BYTES, withReadProbes } from "./read-probes.js";

interface Shape {
  name: string;
  dim: number;
  hidden: number;
  layers: number;
  heads: number;
  kvHeads: number;
  vocab: number;
  seq: number;
}

const SHAPES: Shape[] = [
  { name: "stories15M-shape", dim: 288, hidden: 768, layers: 6, heads: 6, kvHeads: 6, vocab: 32000, seq: 256 },
  { name: "stories110M-shape", dim: 768, hidden: 2048, layers: 12, heads: 12, kvHeads: 12, vocab: 32000, seq: 1024 },
];

/** Floats of a shape's weights (embedding = shared classifier, per-layer norms and matrices, final norm). */
function weightFloats(s: Shape): number {
  const kv = (s.dim / s.heads) * s.kvHeads;
  return s.vocab * s.dim + s.layers * (2 * s.dim + 2 * s.dim * s.dim + 2 * kv * s.dim + 3 * s.hidden * s.dim) + s.dim;
}

/** A llama2.c checkpoint with small random weights (xorshift, seeded), shared classifier. */
function randomCheckpoint(s: Shape): Uint8Array {
  // The weights, then llama2.c's RoPE table rows (unused by the loader).
  const floats = weightFloats(s) + s.seq * (s.dim / s.heads);
  const bytes = new Uint8Array(28 + 4 * floats);
  const view = new DataView(bytes.buffer);
  [s.dim, s.hidden, s.layers, s.heads, s.kvHeads, s.vocab, s.seq].forEach((v, i) => view.setInt32(4 * i, v, true));
  const w = new Float32Array(bytes.buffer, 28, floats);
  let x = 0x9e3779b9;
  for (let i = 0; i < floats; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    w[i] = ((x >>> 0) / 4294967296 - 0.5) * 0.05;
  }
  return bytes;
}

const CONFIGS: Array<{ name: string; kind: "js" | "wasm"; threads: number; options: KernelsOptions }> = [
  { name: "js", kind: "js", threads: 1, options: { backend: "js" } },
  { name: "wasm-simd", kind: "wasm", threads: 1, options: { backend: "wasm", variant: "simd" } },
  { name: "wasm-relaxed-simd", kind: "wasm", threads: 1, options: { backend: "wasm", variant: "relaxed-simd" } },
  { name: "wasm-relaxed-simd×2", kind: "wasm", threads: 2, options: { backend: "wasm", variant: "relaxed-simd", threads: 2 } },
];

/**
 * `weightBytes`, when given, is what one decode step reads (every weight once; the KV cache is small
 * beside it), so decode rows also show GB/s.
 */
function modelCase(
  ctx: SuiteContext, label: string, bytes: () => Uint8Array, mode: "decode" | "prefill", quick: boolean, skipJs: boolean, weightBytes?: number,
): BenchCase {
  const T = 64;
  return {
    suite: "model",
    id: `model ${mode} ${label}`,
    group: mode,
    shape: label,
    work: mode === "decode" ? { tokens: 1, ...(weightBytes ? { bytes: weightBytes } : {}) } : { tokens: T },
    metric: "tok/s",
    quick,
    tolerance: 1e-3,
    async prepare() {
      const { createKernels } = await import("@wasmformer/kernels");
      const { loadLlama2cCheckpoint } = await import("@wasmformer/model");
      const file = bytes();
      const impls: Impl[] = [];
      const kernelsList: Kernels[] = [];
      const notes: string[] = [];
      if (mode === "decode") {
        for (const r of RUN_C_REFERENCES.filter((r) => r.checkpoint === label)) notes.push(`reference ${r.name}: ≈ ${r.tokS} tok/s (${REFERENCES_SOURCE})`);
      }
      for (const c of CONFIGS) {
        if (skipJs && c.kind === "js") {
          notes.push("js: not measured on this shape (minutes per sample); see the smaller shapes");
          continue;
        }
        if (!ctx.quick || c.threads === 1) {
          const kernels = await createKernels(c.options);
          kernelsList.push(kernels);
          if (kernels.info.threads !== c.threads) {
            // A configuration the runtime could not give (e.g. workers refused) is reported, not timed under its name.
            notes.push(`${c.name}: not measured — asked for ${c.threads} thread(s), got ${kernels.info.threads} (${kernels.info.reason})`);
            continue;
          }
          const t0 = performance.now();
          const model = loadLlama2cCheckpoint(file, { kernels });
          const loadMs = performance.now() - t0;
          const S = model.config.maxSeqLen;
          const prompt = Array.from({ length: T }, (_, i) => 3 + ((i * 7919) % (model.config.vocabSize - 3)));
          let pos = 0;
          let token = 1;
          impls.push({
            name: c.name,
            kind: c.kind,
            threads: c.threads,
            run:
              mode === "decode"
                ? () => {
                    if (pos >= S) pos = 0;
                    const logits = model.forward(token, pos++);
                    token = 3 + (pos % 100); // fixed next ids: the same work for every backend
                    void logits;
                  }
                : () => void model.prefill(prompt, 0),
            output: () => Float32Array.from(mode === "decode" ? model.forward(1, 0) : model.prefill(prompt, 0)),
            extras: () => ({ loadMs: Math.round(loadMs), heapMB: Math.round(kernels.memoryBytes / 2 ** 20) }),
          });
        }
      }
      const prepared = { impls, notes, dispose: () => kernelsList.forEach((k) => k.dispose()) };
      // Decode of a model that streams its weights from memory: the read probes beside it (read-probes.ts).
      return mode === "decode" && weightBytes !== undefined && weightBytes >= OUT_OF_CACHE_BYTES && !ctx.quick
        ? withReadProbes(prepared, weightBytes)
        : prepared;
    },
  };
}

export const modelSuite: Suite = {
  name: "model",
  description: "decode and prefill tok/s for stories260K and random stories15M/110M-shaped llama2.c checkpoints (load ms, heap MB)",
  async cases(ctx) {
    let fixture: () => Uint8Array;
    try {
      await import("@wasmformer/model");
      const { readFixture } = await import("@wasmformer/test-fixtures");
      fixture = () => new Uint8Array(readFixture("llama2c/stories260K.bin"));
    } catch (e) {
      throw new SuiteUnavailable(`cannot load @wasmformer/model or the fixtures: ${e instanceof Error ? e.message : String(e)}`);
    }
    const cases = [modelCase(ctx, "stories260K", fixture, "decode", true, false), modelCase(ctx, "stories260K", fixture, "prefill", false, false)];
    for (const s of SHAPES) {
      const big = s.dim >= 768;
      cases.push(
        modelCase(ctx, s.name, () => randomCheckpoint(s), "decode", false, big, 4 * weightFloats(s)),
        modelCase(ctx, s.name, () => randomCheckpoint(s), "prefill", false, big),
      );
    }
    return cases;
  },
};
