// The slice of @wasmformer/kernels' contract (packages/kernels/src/api.ts) the bench calls,
// restated structurally so the bench compiles — and its external-library suites run — even while
// the kernels package is not built. The package is loaded with a dynamic import at run time
// (see ./load.ts); anything that does not match this shape is reported, not guessed at.

export interface BenchTensor {
  readonly ptr: number;
  readonly length: number;
  view(): Float32Array;
  set(data: ArrayLike<number>, offset?: number): void;
  toArray(offset?: number, length?: number): Float32Array;
}

export interface BenchRopeTable {
  readonly cos: BenchTensor;
  readonly sin: BenchTensor;
  readonly maxLen: number;
  readonly headDim: number;
}

export interface BenchKernelsInfo {
  backend: "wasm" | "js";
  variant: string;
  threads: number;
  reason: string;
}

/** A weight matrix packed once for matmul (the layout the model loads its weights into). */
export interface BenchPackedMatrix {
  readonly rows: number;
  readonly cols: number;
  set(data: ArrayLike<number>, firstRow?: number): void;
}

export interface BenchKernels {
  readonly info: BenchKernelsInfo;
  alloc(length: number): BenchTensor;
  tensor(data: ArrayLike<number>): BenchTensor;
  allocPacked(rows: number, cols: number): BenchPackedMatrix;
  free(t: BenchTensor | BenchPackedMatrix): void;
  dispose(): void;
  matmul(args: { y: BenchTensor; x: BenchTensor; w: BenchTensor | BenchPackedMatrix; M: number; K: number; N: number }): void;
  softmaxRows(x: BenchTensor, rows: number, cols: number): void;
  rmsnorm(out: BenchTensor, x: BenchTensor, w: BenchTensor, rows: number, dim: number, eps: number): void;
  layernorm(out: BenchTensor, x: BenchTensor, w: BenchTensor, b: BenchTensor, rows: number, dim: number, eps: number): void;
  ropeTable(maxLen: number, headDim: number, theta: number): BenchRopeTable;
  rope(x: BenchTensor, table: BenchRopeTable, T: number, heads: number, pos0: number, style: "interleaved" | "half"): void;
  attention(args: {
    out: BenchTensor;
    q: BenchTensor;
    k: BenchTensor;
    v: BenchTensor;
    T: number;
    heads: number;
    kvHeads: number;
    headDim: number;
    kvLen: number;
    pos0: number;
  }): void;
}

export interface KernelsOptionsForBench {
  backend: "wasm" | "js";
  variant?: string;
  threads?: number;
  maxMemoryBytes?: number;
}

export type CreateKernels = (options: KernelsOptionsForBench) => Promise<BenchKernels>;
