// Packed weight matrices ("n4k4"), the layout the fast matmul paths read (assembly/gemv-n4k4.ts):
// rows in panels of 4, each panel [ceil(cols/4)][4][4] — per 4-wide block of columns, the 4 values
// of each of the panel's 4 rows — with rows and columns padded to multiples of 4 by zeros. Packing
// happens once, when weights are loaded; kernels never re-pack or copy them.

import type { PackedMatrix } from "./api.js";
import type { HeapTensor } from "./tensor.js";

/** Rows rounded up to the panel height. */
export const packedRows = (rows: number): number => (rows + 3) & ~3;
/** Columns rounded up to the block width. */
export const packedCols = (cols: number): number => (cols + 3) & ~3;
/** Floats of storage for a packed rows × cols matrix (exported: a model sizes its heap with it). */
export const packedLength = (rows: number, cols: number): number => packedRows(rows) * packedCols(cols);

/** Index of W[n, 0] in the packed storage: panel n/4 starts at (n/4)·cols4·4, row n%4 at +4·(n%4). */
const rowBase = (n: number, cols4: number): number => (n >>> 2) * cols4 * 4 + ((n & 3) << 2);

/** Copies the cols values of the packed row starting at element `base` of f into out[at..]. */
function readRow(f: Float32Array, base: number, cols: number, out: Float32Array, at: number): void {
  // Block k/4 of a row sits at base + (k/4)·16 (+ k&3).
  for (let k = 0; k < cols; k++) out[at + k] = f[base + ((k >>> 2) << 4) + (k & 3)]!;
}

export class HeapPackedMatrix implements PackedMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly tensor: HeapTensor;

  constructor(tensor: HeapTensor, rows: number, cols: number) {
    this.tensor = tensor;
    this.rows = rows;
    this.cols = cols;
  }

  set(rowMajor: ArrayLike<number>, firstRow = 0): void {
    const op = "packedMatrix.set";
    if (rowMajor === null || typeof rowMajor !== "object" || typeof rowMajor.length !== "number")
      throw new TypeError(`${op}: data must be an array-like of numbers`);
    const { rows, cols } = this;
    if (!Number.isInteger(firstRow) || firstRow < 0) throw new RangeError(`${op}: firstRow must be a non-negative integer, got ${firstRow}`);
    if (rowMajor.length % cols !== 0)
      throw new RangeError(`${op}: data length ${rowMajor.length} is not a whole number of rows of ${cols}`);
    const count = rowMajor.length / cols;
    if (firstRow + count > rows) throw new RangeError(`${op}: rows ${firstRow}..${firstRow + count - 1} do not fit in ${rows} rows`);
    const f = this.tensor.view();
    const cols4 = packedCols(cols);
    for (let r = 0; r < count; r++) {
      const n = firstRow + r;
      const src = r * cols;
      // Row n's block k/4 sits at base + (k/4)·16 (+ k&3); consecutive blocks are 16 floats apart.
      const base = rowBase(n, cols4);
      for (let k = 0; k < cols; k++) f[base + ((k >>> 2) << 4) + (k & 3)] = rowMajor[src + k]!;
    }
  }

  row(n: number, out: Float32Array = new Float32Array(this.cols)): Float32Array {
    if (!Number.isInteger(n) || n < 0 || n >= this.rows) throw new RangeError(`packedMatrix.row: n must be an integer in [0, ${this.rows}), got ${n}`);
    if (out.length < this.cols) throw new RangeError(`packedMatrix.row: out has ${out.length} elements, needs ${this.cols}`);
    readRow(this.tensor.view(), rowBase(n, packedCols(this.cols)), this.cols, out, 0);
    return out;
  }
}

/** Copy rows ids[t] of a packed table into out[t·dim ...] (f is the heap; out4 an element index). */
export function gatherPackedRows(f: Float32Array, table: HeapPackedMatrix, ids: ArrayLike<number>, out4: number): void {
  const dim = table.cols;
  const cols4 = packedCols(dim);
  const t4 = table.tensor.ptr >>> 2;
  for (let t = 0; t < ids.length; t++) readRow(f, t4 + rowBase(ids[t]!, cols4), dim, f, out4 + t * dim);
}
