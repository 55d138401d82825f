// What a suite asks of an external library: ops on plain Float32Arrays in OUR layouts. Each
// adapter converts to its library's preferred layout once at setup (never inside run()).

export interface ExternalOp {
  run(): void | Promise<void>;
  /** The output of the last run, in our layout (copied). */
  output(): Float32Array | Promise<Float32Array>;
  dispose(): void | Promise<void>;
}

/** One attention problem in the kernels' layout: q [T, heads, d], k/v [kvLen, kvHeads, d]. */
export interface AttentionProblem {
  T: number;
  heads: number;
  kvHeads: number;
  headDim: number;
  kvLen: number;
  pos0: number;
  q: Float32Array;
  k: Float32Array;
  v: Float32Array;
}

export interface ExternalLibrary {
  /** e.g. "tfjs-wasm", "ort-wasm-1t". */
  readonly name: string;
  readonly version: string;
  readonly threads: number;
  /** y[M,N] = x[M,K] · W[N,K]ᵀ, W a constant (weights). */
  matmul?(x: Float32Array, w: Float32Array, M: number, K: number, N: number): Promise<ExternalOp>;
  /** The same through the library's transposed-B entry point, shown for reference. */
  matmulTransposeB?(x: Float32Array, w: Float32Array, M: number, K: number, N: number): Promise<ExternalOp>;
  softmax?(x: Float32Array, rows: number, cols: number): Promise<ExternalOp>;
  /** Causal attention composed from the library's matmul + softmax (+ mask) ops. */
  attention?(p: AttentionProblem): Promise<ExternalOp>;
  dispose(): void | Promise<void>;
}
