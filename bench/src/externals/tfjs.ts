// @tensorflow/tfjs-backend-wasm (XNNPACK inside), single thread, offline: the .wasm files are read
// from the installed package's dist/ directory by file path.
//
// Layout note, measured and read in tfjs 4.22's source (batch_mat_mul_impl.cc): only
// matMul(a, b) with transposeA = transposeB = false and batch 1 goes to XNNPACK's fully-connected
// operator (which packs b once and caches it per tensor); transposeB = true falls back to a scalar
// triple loop ~10× slower. So the headline "tfjs-wasm" matmul gets W transposed to [K, N] once at
// setup (what a tfjs user would do with weights), and "tfjs-wasm (transposeB)" is shown for
// reference on the GEMV shapes only.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type * as TfCore from "@tensorflow/tfjs-core";
import type * as TfWasm from "@tensorflow/tfjs-backend-wasm";
import { stackAttention, unstackAttentionOutput } from "./attention-layout.js";
import type { AttentionProblem, ExternalLibrary, ExternalOp } from "./types.js";

type Tf = typeof TfCore;
type Tensor = TfCore.Tensor;

/** W [N, K] → Wᵀ [K, N]. */
function transpose(w: Float32Array, N: number, K: number): Float32Array {
  const t = new Float32Array(K * N);
  for (let n = 0; n < N; n++) for (let k = 0; k < K; k++) t[k * N + n] = w[n * K + k];
  return t;
}

class TfjsOp implements ExternalOp {
  private last: Tensor | undefined;
  constructor(
    private readonly owned: Tensor[],
    private readonly compute: () => Tensor,
    private readonly toOurLayout: (data: Float32Array) => Float32Array = (d) => d,
  ) {}
  run(): void {
    this.last?.dispose();
    this.last = this.compute();
  }
  output(): Float32Array {
    if (!this.last) this.run();
    return this.toOurLayout(new Float32Array(this.last!.dataSync()));
  }
  dispose(): void {
    this.last?.dispose();
    for (const t of this.owned) t.dispose();
  }
}

export class TfjsWasm implements ExternalLibrary {
  readonly name = "tfjs-wasm";
  readonly threads = 1;
  private constructor(
    private readonly tf: Tf,
    readonly version: string,
  ) {}

  static async load(): Promise<TfjsWasm> {
    const require = createRequire(import.meta.url);
    const tf = require("@tensorflow/tfjs-core") as Tf;
    const wasm = require("@tensorflow/tfjs-backend-wasm") as typeof TfWasm;
    const dist = join(dirname(require.resolve("@tensorflow/tfjs-backend-wasm")), "/");
    wasm.setWasmPaths(dist);
    wasm.setThreadsCount(1);
    if (!(await tf.setBackend("wasm"))) throw new Error("tfjs: setBackend('wasm') returned false");
    await tf.ready();
    if (!tf.env().getBool("WASM_HAS_SIMD_SUPPORT")) throw new Error("tfjs: the wasm backend loaded without SIMD");
    const threads = wasm.getThreadsCount();
    if (threads !== 1) throw new Error(`tfjs: expected 1 thread, backend reports ${threads}`);
    return new TfjsWasm(tf, `${tf.version_core} (wasm ${wasm.version_wasm}, XNNPACK, simd)`);
  }

  async matmul(x: Float32Array, w: Float32Array, M: number, K: number, N: number): Promise<ExternalOp> {
    const tf = this.tf;
    const xt = tf.tensor2d(x, [M, K]);
    const wt = tf.tensor2d(transpose(w, N, K), [K, N]);
    return new TfjsOp([xt, wt], () => tf.matMul(xt, wt));
  }

  async matmulTransposeB(x: Float32Array, w: Float32Array, M: number, K: number, N: number): Promise<ExternalOp> {
    const tf = this.tf;
    const xt = tf.tensor2d(x, [M, K]);
    const wt = tf.tensor2d(w, [N, K]);
    return new TfjsOp([xt, wt], () => tf.matMul(xt, wt, false, true));
  }

  async softmax(x: Float32Array, rows: number, cols: number): Promise<ExternalOp> {
    const tf = this.tf;
    const xt = tf.tensor2d(x, [rows, cols]);
    return new TfjsOp([xt], () => tf.softmax(xt));
  }

  /**
   * Composed attention per kv head: (q·scale)·Kᵀ (+ causal mask) → softmax → ·V, the query heads
   * of a group stacked as rows. Kᵀ and V are tensors made once at setup (favours tfjs: XNNPACK
   * keeps them packed, which a changing KV cache would not allow).
   */
  async attention(p: AttentionProblem): Promise<ExternalOp> {
    const tf = this.tf;
    const s = stackAttention(p);
    const d = p.headDim;
    const scale = tf.scalar(1 / Math.sqrt(d));
    const heads = Array.from({ length: p.kvHeads }, (_, g) => ({
      q: tf.tensor2d(s.q.subarray(g * s.rows * d, (g + 1) * s.rows * d), [s.rows, d]),
      kT: tf.tensor2d(s.kT.subarray(g * d * p.kvLen, (g + 1) * d * p.kvLen), [d, p.kvLen]),
      v: tf.tensor2d(s.v.subarray(g * p.kvLen * d, (g + 1) * p.kvLen * d), [p.kvLen, d]),
    }));
    const mask = s.mask ? tf.tensor2d(s.mask, [s.rows, p.kvLen]) : undefined;
    const owned = [scale, ...heads.flatMap((h) => [h.q, h.kT, h.v]), ...(mask ? [mask] : [])];
    const compute = (): Tensor =>
      tf.tidy(() => {
        const outs = heads.map((h) => {
          const scores = tf.matMul(tf.mul(h.q, scale), h.kT);
          const probs = tf.softmax(mask ? tf.add(scores, mask) : scores);
          return tf.matMul(probs, h.v);
        });
        return outs.length === 1 ? outs[0] : tf.concat(outs, 0);
      });
    return new TfjsOp(owned, compute, (data) => unstackAttentionOutput(data, p));
  }

  dispose(): void {
    this.tf.disposeVariables();
  }
}
