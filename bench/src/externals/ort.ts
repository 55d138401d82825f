// onnxruntime-web, wasm execution provider, in Node, offline (.wasm read from the installed
// package's dist/ by file path), with one and with two threads in the same process.
//
// ORT fixes its thread count when its wasm first initialises (env.wasm.numThreads; the session
// option intraOpNumThreads does not change it — measured), so the bench loads two independent
// copies of ORT's self-contained wasm build (dist/ort.wasm.min.mjs, imported under two URLs).
// The two-thread copy must initialise first: when the one-thread copy initialised first, the
// two-thread copy ran no faster than one thread (measured on ORT 1.30).
// Models are tiny ONNX graphs written in memory (./onnx-model.ts); weights are initializers.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import type * as Ort from "onnxruntime-web";
import { stackAttention, unstackAttentionOutput } from "./attention-layout.js";
import { onnxModel, type OnnxGraph } from "./onnx-model.js";
import type { AttentionProblem, ExternalLibrary, ExternalOp } from "./types.js";

type OrtModule = typeof Ort;

function ortDist(): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve("onnxruntime-web/ort-wasm-simd-threaded.wasm"));
}

class OrtOp implements ExternalOp {
  private last: Ort.InferenceSession.ReturnType | undefined;
  constructor(
    private readonly session: Ort.InferenceSession,
    private readonly feeds: Record<string, Ort.Tensor>,
    private readonly toOurLayout: (data: Float32Array) => Float32Array = (d) => d,
  ) {}
  async run(): Promise<void> {
    this.last = await this.session.run(this.feeds);
  }
  async output(): Promise<Float32Array> {
    if (!this.last) await this.run();
    const y = this.last!.y;
    return this.toOurLayout(new Float32Array(y.data as Float32Array));
  }
  async dispose(): Promise<void> {
    await this.session.release();
  }
}

export class OrtWasm implements ExternalLibrary {
  readonly name: string;
  private constructor(
    private readonly ort: OrtModule,
    readonly threads: number,
    readonly version: string,
  ) {
    this.name = `ort-wasm-${threads}t`;
  }

  /** Load one independent ORT instance with `threads` threads (see the note on load order). */
  static async load(threads: number): Promise<OrtWasm> {
    const dist = ortDist();
    const url = `${pathToFileURL(join(dist, "ort.wasm.min.mjs")).href}?threads=${threads}`;
    const ort = (await import(url)) as OrtModule;
    ort.env.wasm.wasmPaths = join(dist, "/");
    ort.env.wasm.numThreads = threads;
    ort.env.logLevel = "error";
    const lib = new OrtWasm(ort, threads, `${ort.env.versions.web ?? "?"} (wasm EP, simd, ${threads} thread${threads > 1 ? "s" : ""})`);
    // Initialise now (first session), so the load order above is the init order.
    const probe = await lib.session({
      nodes: [{ op: "Relu", inputs: ["x"], outputs: ["y"] }],
      inputs: [{ name: "x", shape: [1] }],
      outputs: [{ name: "y", shape: [1] }],
    });
    await probe.release();
    return lib;
  }

  private session(graph: OnnxGraph): Promise<Ort.InferenceSession> {
    return this.ort.InferenceSession.create(onnxModel(graph), {
      executionProviders: ["wasm"],
      graphOptimizationLevel: "all",
    });
  }

  private tensor(data: Float32Array, dims: number[]): Ort.Tensor {
    return new this.ort.Tensor("float32", data, dims);
  }

  /** Gemm with transB = 1 takes W [N, K] as it is (measured as fast as or faster than MatMul on W [K, N]). */
  async matmul(x: Float32Array, w: Float32Array, M: number, K: number, N: number): Promise<ExternalOp> {
    const session = await this.session({
      nodes: [{ op: "Gemm", inputs: ["x", "w"], outputs: ["y"], ints: { transB: 1 } }],
      inputs: [{ name: "x", shape: [M, K] }],
      outputs: [{ name: "y", shape: [M, N] }],
      initializers: [{ name: "w", dims: [N, K], data: w }],
    });
    return new OrtOp(session, { x: this.tensor(x, [M, K]) });
  }

  async softmax(x: Float32Array, rows: number, cols: number): Promise<ExternalOp> {
    const session = await this.session({
      nodes: [{ op: "Softmax", inputs: ["x"], outputs: ["y"], ints: { axis: -1 } }],
      inputs: [{ name: "x", shape: [rows, cols] }],
      outputs: [{ name: "y", shape: [rows, cols] }],
    });
    return new OrtOp(session, { x: this.tensor(x, [rows, cols]) });
  }

  /** Mul(q, scale) → MatMul(·, Kᵀ) (→ Add mask) → Softmax → MatMul(·, V), batched over kv heads. */
  async attention(p: AttentionProblem): Promise<ExternalOp> {
    const s = stackAttention(p);
    const d = p.headDim;
    const G = p.kvHeads;
    const session = await this.session({
      nodes: [
        { op: "Mul", inputs: ["q", "scale"], outputs: ["qs"] },
        { op: "MatMul", inputs: ["qs", "kt"], outputs: ["scores"] },
        ...(s.mask ? [{ op: "Add", inputs: ["scores", "mask"], outputs: ["masked"] }] : []),
        { op: "Softmax", inputs: [s.mask ? "masked" : "scores"], outputs: ["probs"], ints: { axis: -1 } },
        { op: "MatMul", inputs: ["probs", "v"], outputs: ["y"] },
      ],
      inputs: [
        { name: "q", shape: [G, s.rows, d] },
        { name: "kt", shape: [G, d, p.kvLen] },
        { name: "v", shape: [G, p.kvLen, d] },
      ],
      outputs: [{ name: "y", shape: [G, s.rows, d] }],
      initializers: [
        { name: "scale", dims: [], data: new Float32Array([1 / Math.sqrt(d)]) },
        ...(s.mask ? [{ name: "mask", dims: [s.rows, p.kvLen], data: s.mask }] : []),
      ],
    });
    const feeds = {
      q: this.tensor(s.q, [G, s.rows, d]),
      kt: this.tensor(s.kT, [G, d, p.kvLen]),
      v: this.tensor(s.v, [G, p.kvLen, d]),
    };
    return new OrtOp(session, feeds, (data) => unstackAttentionOutput(data, p));
  }

  dispose(): void {
    // Sessions are released by their ops; the wasm instance lives until the process exits.
  }
}
