// The exports of build/kernels-*.wasm (assembly/index.ts). All pointers are byte offsets.

export interface KernelsWasmExports {
  /** Rows 0..N-1 of a GEMV over a weight matrix of Ntotal rows (the loop shape follows Ntotal). */
  matmul_f32_gemv(y: number, x: number, w: number, bias: number, K: number, N: number, accumulate: number, Ntotal: number): void;
  /** Rows 0..N-1 of a GEMV over W packed "n4k4" (src/packed.ts); w points at the first row's panel. */
  matmul_f32_gemv_n4k4(y: number, x: number, w: number, bias: number, K: number, N: number, accumulate: number): void;
  /** The same result read as two streams (for W that comes from memory, not cache). */
  matmul_f32_gemv_n4k4_x2(y: number, x: number, w: number, bias: number, K: number, N: number, accumulate: number): void;
  /** N output columns, y rows ldy apart; wK4 = 0 for row-major W, else W is packed "n4k4" with K rounded up to 4. */
  matmul_f32_gemm(
    y: number, x: number, w: number, bias: number, M: number, K: number, N: number, ldy: number, accumulate: number,
    scratch: number, wK4: number,
  ): void;
  readonly GEMM_SCRATCH_BYTES: WebAssembly.Global;
  /** Weight rows per GEMM micro-kernel tile. */
  readonly GEMM_MR: WebAssembly.Global;
  softmax_f32_rows(x: number, rows: number, cols: number, invT: number): void;
  attention_f32_causal(
    out: number, q: number, k: number, v: number, T: number, heads: number, kvHeads: number, headDim: number,
    kvLen: number, pos0: number, scale: number, slopes: number, weights: number, h0: number, h1: number, scratch: number,
  ): void;
  attention_scratch_bytes(headDim: number): number;
  rmsnorm_f32(out: number, x: number, w: number, rows: number, dim: number, eps: number): void;
  layernorm_f32(out: number, x: number, w: number, b: number, rows: number, dim: number, eps: number): void;
  rope_f32(
    x: number, cos: number, sin: number, T: number, heads: number, headDim: number, rotaryDim: number, pos0: number,
    interleaved: number,
  ): void;
  silu_f32(out: number, x: number, n: number): void;
  gelu_f32(out: number, x: number, n: number): void;
  swiglu_f32(out: number, a: number, b: number, n: number): void;
  add_f32(out: number, a: number, b: number, n: number): void;
  argmax_f32(x: number, n: number): number;
  exp_f32(out: number, x: number, n: number): void;
  exp_f32_nonpos(out: number, x: number, n: number): void;
}

const REQUIRED: readonly (keyof KernelsWasmExports)[] = [
  "matmul_f32_gemv", "matmul_f32_gemv_n4k4", "matmul_f32_gemv_n4k4_x2", "matmul_f32_gemm", "GEMM_SCRATCH_BYTES", "GEMM_MR", "softmax_f32_rows", "attention_f32_causal",
  "attention_scratch_bytes", "rmsnorm_f32", "layernorm_f32", "rope_f32", "silu_f32", "gelu_f32", "swiglu_f32",
  "add_f32", "argmax_f32", "exp_f32", "exp_f32_nonpos",
];

/** Check that an instance has every export (a user-supplied module could be anything). */
export function asKernelsExports(instance: WebAssembly.Instance): KernelsWasmExports {
  const e = instance.exports;
  for (const name of REQUIRED)
    if (!(name in e)) throw new TypeError(`createKernels: wasm: the module does not export ${name} (not a wasmformer kernels build?)`);
  return e as unknown as KernelsWasmExports;
}
