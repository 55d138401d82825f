// The public contract of @wasmformer/kernels. Both backends (WASM and the JS twins) implement
// `Kernels`; the model package codes against this file only.
//
// Conventions (all kernels):
// - f32, row-major. A linear layer's weight is [out, in] (PyTorch / llama2.c order).
// - Tensors live in the instance's heap. Kernels read and write tensors in place; every call
//   checks lengths and shapes first and throws RangeError/TypeError naming the argument, before
//   any WASM call. A tensor allocated by another instance is rejected (TypeError).
// - Element offsets (`xOffset`, `wOffset`, ...) address a sub-range of a tensor without creating
//   a new handle, so the hot path allocates nothing (e.g. layer l's weights inside one big tensor).

export type Backend = "wasm" | "js";
/** WASM build variant. "simd" = baseline SIMD128; "relaxed-simd" adds f32x4.relaxed_madd. */
export type Variant = "simd" | "relaxed-simd";

export interface KernelsOptions {
  /** "auto" (default) = wasm when the engine supports SIMD128, else js. */
  backend?: Backend | "auto";
  /** "auto" (default) = relaxed-simd when WebAssembly.validate says the engine has it. */
  variant?: Variant | "auto";
  /** Worker threads for matmul rows and attention heads (wasm backend, shared memory). Default 1. */
  threads?: number;
  /** Upper bound on the heap in bytes; allocation past it throws KernelsMemoryError. Default 2 GiB. */
  maxMemoryBytes?: number;
  /** Initial heap size in bytes (grows on demand up to maxMemoryBytes). */
  initialMemoryBytes?: number;
  /**
   * Where the wasm comes from. Default: bytes embedded in the package (zero config).
   * Accepts raw bytes, a URL to fetch, or an already compiled module. The host injects; the
   * library does not sniff.
   */
  wasm?: BufferSource | URL | string | WebAssembly.Module;
}

/** A region of one instance's heap holding `length` float32 values, 16-byte aligned. */
export interface Tensor {
  /** Byte offset in the heap (16-byte aligned). */
  readonly ptr: number;
  /** Number of float32 elements. */
  readonly length: number;
  /** A Float32Array over the current heap memory (re-created after growth; do not cache it across allocations). */
  view(): Float32Array;
  /** Copy `data` into the tensor at element `offset` (default 0). */
  set(data: ArrayLike<number>, offset?: number): void;
  /** A copy of the tensor's contents (or of `length` elements from `offset`). */
  toArray(offset?: number, length?: number): Float32Array;
}

/** A region of the heap holding int32 values (token ids for embedding gathers). */
export interface IntTensor {
  readonly ptr: number;
  readonly length: number;
  view(): Int32Array;
  set(data: ArrayLike<number>, offset?: number): void;
}

/**
 * A weight matrix W[rows, cols] packed once for matmul (layout "n4k4": panels of 4 rows, each
 * stored as 4-column blocks of the 4 rows, zero-padded to multiples of 4). Decode reads it as one
 * sequential stream with one x load per 4 weight vectors — the fast path for memory-bound GEMV
 * (≈ 1.3× row-major from memory); prefill GEMM reads it too. Allocate with `allocPacked`, fill
 * with `set`.
 */
export interface PackedMatrix {
  readonly rows: number;
  readonly cols: number;
  /** The packed storage (in this instance's heap). */
  readonly tensor: Tensor;
  /** Write `data` (row-major, a whole number of rows) as rows firstRow.. (default 0). */
  set(data: ArrayLike<number>, firstRow?: number): void;
  /** Row n, unpacked (into `out` if given). */
  row(n: number, out?: Float32Array): Float32Array;
}

export interface MatmulArgs {
  /** Output [M, N] (at yOffset). */
  y: Tensor;
  /** Input [M, K] (at xOffset). */
  x: Tensor;
  /** Weight [N, K] (at wOffset): y = x · Wᵀ. A PackedMatrix must be N × K and takes no wOffset. */
  w: Tensor | PackedMatrix;
  /** Optional bias [N] (at biasOffset). */
  bias?: Tensor;
  M: number;
  K: number;
  N: number;
  yOffset?: number;
  xOffset?: number;
  wOffset?: number;
  biasOffset?: number;
  /** When true, y += x · Wᵀ (+ bias) instead of y = ... (residual fusion). Default false. */
  accumulate?: boolean;
  /**
   * Where a packed W is expected to be read from when M < 4 (decode): "memory" reads it as two
   * streams, faster when W is not in cache (a big matrix, or any matrix of a model larger than the
   * caches, which decode reads through once per token); "cache" as one, faster when W stays in cache
   * between calls. Default: "memory" when W takes at least 20 MiB. A speed hint only: the results
   * are the same bits either way; the JS backend and row-major W ignore it.
   */
  weightsFrom?: WeightsFrom;
}

/** Where matmul's weights are expected to come from (MatmulArgs.weightsFrom). */
export type WeightsFrom = "cache" | "memory";

export interface AttentionArgs {
  /** Output [T, heads, headDim]. */
  out: Tensor;
  /** Queries [T, heads, headDim]. */
  q: Tensor;
  /** Key cache [maxLen, kvHeads, headDim] (at kOffset); rows 0..kvLen-1 are used. */
  k: Tensor;
  /** Value cache [maxLen, kvHeads, headDim] (at vOffset); rows 0..kvLen-1 are used. */
  v: Tensor;
  T: number;
  heads: number;
  kvHeads: number;
  headDim: number;
  /** Number of valid key/value rows. */
  kvLen: number;
  /**
   * Position of query row 0. Query row t sits at position pos0 + t and sees keys 0..pos0+t
   * (causal). Must satisfy pos0 + T <= kvLen. Decode: T = 1, pos0 = kvLen - 1.
   */
  pos0: number;
  /** Default 1/√headDim. */
  scale?: number;
  /** Optional ALiBi slopes [heads]: score += slope * (keyPos - queryPos). */
  alibiSlopes?: Tensor;
  /** Opt-in: write the attention weights [heads, T, kvLen] here (zeros above the causal diagonal). */
  weightsOut?: Tensor;
  outOffset?: number;
  qOffset?: number;
  kOffset?: number;
  vOffset?: number;
}

/** RoPE tables precomputed once: cos/sin [maxLen, headDim/2]. */
export interface RopeTable {
  readonly cos: Tensor;
  readonly sin: Tensor;
  readonly maxLen: number;
  readonly headDim: number;
  /** Rotary dims (≤ headDim, even); defaults to headDim. */
  readonly rotaryDim: number;
}

/**
 * "interleaved": pairs (x[2i], x[2i+1]) — llama2.c / Meta.
 * "half": pairs (x[i], x[i + rotaryDim/2]) — Hugging Face rotate_half.
 */
export type RopeStyle = "interleaved" | "half";

export interface KernelsInfo {
  backend: Backend;
  variant: Variant | "js";
  threads: number;
  /** Why this choice was made (e.g. "relaxed-simd: engine validates f32x4.relaxed_madd"). */
  reason: string;
}

export interface Kernels {
  readonly info: KernelsInfo;

  // ---- memory -------------------------------------------------------------------------------
  /** Allocate a zero-filled tensor of `length` floats. Throws KernelsMemoryError past the cap. */
  alloc(length: number): Tensor;
  /** Allocate and fill from data. */
  tensor(data: ArrayLike<number>): Tensor;
  allocInt(length: number): IntTensor;
  /** A zero-filled packed weight matrix of rows × cols (see PackedMatrix). */
  allocPacked(rows: number, cols: number): PackedMatrix;
  /** Return a tensor's (or packed matrix's) memory to the heap. Using it afterwards throws. */
  free(t: Tensor | IntTensor | PackedMatrix): void;
  /** Bytes currently reserved by the heap. */
  readonly memoryBytes: number;
  /** Release everything (workers, memory). The instance is unusable afterwards. */
  dispose(): void;

  // ---- linear algebra -----------------------------------------------------------------------
  /** y[M,N] = x[M,K] · W[N,K]ᵀ (+ bias[N]). GEMV path for M = 1, tiled GEMM for M > 1. */
  matmul(args: MatmulArgs): void;

  // ---- normalisation / activations (in place allowed: out may equal x) --------------------------
  /** out[r, :] = x[r, :] / sqrt(mean(x[r,:]²) + eps) * w  for r in 0..rows-1. */
  rmsnorm(out: Tensor, x: Tensor, w: Tensor, rows: number, dim: number, eps: number, outOffset?: number, xOffset?: number, wOffset?: number): void;
  /** out[r, :] = (x - mean) / sqrt(var + eps) * w + b. */
  layernorm(out: Tensor, x: Tensor, w: Tensor, b: Tensor, rows: number, dim: number, eps: number, outOffset?: number, xOffset?: number, wOffset?: number, bOffset?: number): void;
  /** Softmax over each of `rows` rows of `cols`, in place, max-subtracted; -Infinity entries are
   *  masked; an all-masked row becomes zeros. Optional temperature divides the logits first. */
  softmaxRows(x: Tensor, rows: number, cols: number, temperature?: number, offset?: number): void;
  silu(out: Tensor, x: Tensor, n: number): void;
  /** GPT-2 tanh approximation. */
  gelu(out: Tensor, x: Tensor, n: number): void;
  /** out = silu(a) * b. */
  swiglu(out: Tensor, a: Tensor, b: Tensor, n: number): void;
  /** out = a + b (out may alias a or b). */
  add(out: Tensor, a: Tensor, b: Tensor, n: number, outOffset?: number, aOffset?: number, bOffset?: number): void;

  // ---- positions ----------------------------------------------------------------------------
  /** Precompute RoPE cos/sin tables (freq_i = theta^(-2i/rotaryDim)). */
  ropeTable(maxLen: number, headDim: number, theta: number, rotaryDim?: number): RopeTable;
  /** Rotate x [T, heads, headDim] in place for positions pos0..pos0+T-1. */
  rope(x: Tensor, table: RopeTable, T: number, heads: number, pos0: number, style: RopeStyle, offset?: number): void;

  // ---- attention ----------------------------------------------------------------------------
  /** Fused causal scaled dot-product attention with GQA, ALiBi, online softmax. */
  attention(args: AttentionArgs): void;

  // ---- gathers / reductions -----------------------------------------------------------------
  /** out[t, :] = table[ids[t], :] for t in 0..ids.length-1; ids checked against vocab. A packed
   *  table (cols = dim) serves as both the embedding and a tied classifier's weight. */
  embedding(out: Tensor, table: Tensor | PackedMatrix, ids: ArrayLike<number>, dim: number, outOffset?: number): void;
  /** Index of the largest element of x[offset..offset+n) (first one on ties; NaN never wins). */
  argmax(x: Tensor, n: number, offset?: number): number;
}
