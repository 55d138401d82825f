// The Kernels implementation shared by both backends: owns the heap and tensor handles, checks
// every argument (throwing RangeError/TypeError naming it) and then hands raw byte pointers to an
// Engine (WASM exports or the JS twins). Nothing here allocates on the hot path.

import type {
  AttentionArgs, IntTensor, Kernels, KernelsInfo, MatmulArgs, PackedMatrix, RopeStyle, RopeTable, Tensor,
} from "./api.js";
import {
  checkIntTensor, checkNoOverlap, checkNumber, checkOffset, checkPacked, checkSameOrDisjoint, checkSize, checkTensor, checkWeightsFrom,
  span,
} from "./check.js";
import type { Engine } from "./engine.js";
import { KernelsDisposedError } from "./errors.js";
import type { Heap } from "./heap.js";
import { HeapPackedMatrix, gatherPackedRows, packedLength } from "./packed.js";
import { HeapIntTensor, HeapTensor } from "./tensor.js";

class HeapRopeTable implements RopeTable {
  constructor(
    readonly cos: HeapTensor,
    readonly sin: HeapTensor,
    readonly maxLen: number,
    readonly headDim: number,
    readonly rotaryDim: number,
  ) {}
}

export class KernelsFront implements Kernels {
  readonly info: KernelsInfo;
  /** @internal */ readonly heap: Heap;
  private readonly engine: Engine;
  private disposed = false;

  constructor(heap: Heap, engine: Engine, info: KernelsInfo) {
    this.heap = heap;
    this.engine = engine;
    this.info = Object.freeze({ ...info });
  }

  private live(op: string): void {
    if (this.disposed) throw new KernelsDisposedError(op);
  }

  // ---- memory -------------------------------------------------------------------------------

  get memoryBytes(): number {
    return this.heap.capacityBytes;
  }

  alloc(length: number): Tensor {
    this.live("alloc");
    checkSize("alloc", "length", length);
    return new HeapTensor(this.heap, this.heap.alloc(length * 4), length);
  }

  tensor(data: ArrayLike<number>): Tensor {
    this.live("tensor");
    if (data === null || typeof data !== "object" || typeof data.length !== "number")
      throw new TypeError("tensor: data must be an array-like of numbers");
    const t = this.alloc(data.length);
    t.set(data);
    return t;
  }

  allocInt(length: number): IntTensor {
    this.live("allocInt");
    checkSize("allocInt", "length", length);
    return new HeapIntTensor(this.heap, this.heap.alloc(length * 4), length);
  }

  allocPacked(rows: number, cols: number): PackedMatrix {
    this.live("allocPacked");
    checkSize("allocPacked", "rows", rows);
    checkSize("allocPacked", "cols", cols);
    return new HeapPackedMatrix(this.alloc(packedLength(rows, cols)) as HeapTensor, rows, cols);
  }

  free(t: Tensor | IntTensor | PackedMatrix): void {
    this.live("free");
    if (t instanceof HeapPackedMatrix) t = t.tensor;
    const h = t instanceof HeapTensor ? checkTensor("free", "t", t, this.heap) : checkIntTensor("free", "t", t, this.heap);
    h.freed = true;
    this.heap.free(h.ptr);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.engine.dispose();
  }

  // ---- linear algebra -----------------------------------------------------------------------

  matmul(a: MatmulArgs): void {
    const op = "matmul";
    this.live(op);
    if (a === null || typeof a !== "object") throw new TypeError(`${op}: args must be an object`);
    const heap = this.heap;
    const M = checkSize(op, "M", a.M);
    const K = checkSize(op, "K", a.K);
    const N = checkSize(op, "N", a.N);
    const y = span(op, "y", checkTensor(op, "y", a.y, heap), checkOffset(op, "yOffset", a.yOffset), M * N);
    const x = span(op, "x", checkTensor(op, "x", a.x, heap), checkOffset(op, "xOffset", a.xOffset), M * K);
    const packed = a.w instanceof HeapPackedMatrix ? checkPacked(op, "w", a.w, heap, N, K, a.wOffset) : undefined;
    const wCount = packed ? packed.tensor.length : N * K;
    const w = packed ? packed.tensor.ptr : span(op, "w", checkTensor(op, "w", a.w, heap), checkOffset(op, "wOffset", a.wOffset), N * K);
    let bias = 0;
    if (a.bias !== undefined)
      bias = span(op, "bias", checkTensor(op, "bias", a.bias, heap), checkOffset(op, "biasOffset", a.biasOffset), N);
    checkNoOverlap(op, "y", y, M * N, "x", x, M * K);
    checkNoOverlap(op, "y", y, M * N, "w", w, wCount);
    if (bias) checkNoOverlap(op, "y", y, M * N, "bias", bias, N);
    const weightsFrom = checkWeightsFrom(op, a.weightsFrom);
    if (packed) this.engine.matmulPacked(y, x, w, bias, M, K, N, a.accumulate === true, weightsFrom);
    else this.engine.matmul(y, x, w, bias, M, K, N, a.accumulate === true);
  }

  // ---- normalisation / activations ------------------------------------------------------------

  rmsnorm(out: Tensor, x: Tensor, w: Tensor, rows: number, dim: number, eps: number, outOffset?: number, xOffset?: number, wOffset?: number): void {
    const op = "rmsnorm";
    this.live(op);
    const heap = this.heap;
    checkSize(op, "rows", rows);
    checkSize(op, "dim", dim);
    checkNumber(op, "eps", eps, "nonnegative");
    const o = span(op, "out", checkTensor(op, "out", out, heap), checkOffset(op, "outOffset", outOffset), rows * dim);
    const xp = span(op, "x", checkTensor(op, "x", x, heap), checkOffset(op, "xOffset", xOffset), rows * dim);
    const wp = span(op, "w", checkTensor(op, "w", w, heap), checkOffset(op, "wOffset", wOffset), dim);
    checkSameOrDisjoint(op, "out", o, "x", xp, rows * dim);
    checkNoOverlap(op, "out", o, rows * dim, "w", wp, dim);
    this.engine.rmsnorm(o, xp, wp, rows, dim, eps);
  }

  layernorm(out: Tensor, x: Tensor, w: Tensor, b: Tensor, rows: number, dim: number, eps: number, outOffset?: number, xOffset?: number, wOffset?: number, bOffset?: number): void {
    const op = "layernorm";
    this.live(op);
    const heap = this.heap;
    checkSize(op, "rows", rows);
    checkSize(op, "dim", dim);
    checkNumber(op, "eps", eps, "nonnegative");
    const o = span(op, "out", checkTensor(op, "out", out, heap), checkOffset(op, "outOffset", outOffset), rows * dim);
    const xp = span(op, "x", checkTensor(op, "x", x, heap), checkOffset(op, "xOffset", xOffset), rows * dim);
    const wp = span(op, "w", checkTensor(op, "w", w, heap), checkOffset(op, "wOffset", wOffset), dim);
    const bp = span(op, "b", checkTensor(op, "b", b, heap), checkOffset(op, "bOffset", bOffset), dim);
    checkSameOrDisjoint(op, "out", o, "x", xp, rows * dim);
    checkNoOverlap(op, "out", o, rows * dim, "w", wp, dim);
    checkNoOverlap(op, "out", o, rows * dim, "b", bp, dim);
    this.engine.layernorm(o, xp, wp, bp, rows, dim, eps);
  }

  softmaxRows(x: Tensor, rows: number, cols: number, temperature?: number, offset?: number): void {
    const op = "softmaxRows";
    this.live(op);
    checkSize(op, "rows", rows);
    checkSize(op, "cols", cols);
    const t = temperature === undefined ? 1 : checkNumber(op, "temperature", temperature, "positive");
    const xp = span(op, "x", checkTensor(op, "x", x, this.heap), checkOffset(op, "offset", offset), rows * cols);
    this.engine.softmaxRows(xp, rows, cols, 1 / t);
  }

  silu(out: Tensor, x: Tensor, n: number): void {
    const [o, xp] = this.unary("silu", out, x, n);
    this.engine.silu(o, xp, n);
  }

  gelu(out: Tensor, x: Tensor, n: number): void {
    const [o, xp] = this.unary("gelu", out, x, n);
    this.engine.gelu(o, xp, n);
  }

  swiglu(out: Tensor, a: Tensor, b: Tensor, n: number): void {
    const [o, ap, bp] = this.binary("swiglu", out, a, b, n, undefined, undefined, undefined);
    this.engine.swiglu(o, ap, bp, n);
  }

  add(out: Tensor, a: Tensor, b: Tensor, n: number, outOffset?: number, aOffset?: number, bOffset?: number): void {
    const [o, ap, bp] = this.binary("add", out, a, b, n, outOffset, aOffset, bOffset);
    this.engine.add(o, ap, bp, n);
  }

  private unary(op: string, out: Tensor, x: Tensor, n: number): [number, number] {
    this.live(op);
    checkSize(op, "n", n);
    const o = span(op, "out", checkTensor(op, "out", out, this.heap), 0, n);
    const xp = span(op, "x", checkTensor(op, "x", x, this.heap), 0, n);
    checkSameOrDisjoint(op, "out", o, "x", xp, n);
    return [o, xp];
  }

  private binary(op: string, out: Tensor, a: Tensor, b: Tensor, n: number, oo: unknown, ao: unknown, bo: unknown): [number, number, number] {
    this.live(op);
    checkSize(op, "n", n);
    const o = span(op, "out", checkTensor(op, "out", out, this.heap), checkOffset(op, "outOffset", oo), n);
    const ap = span(op, "a", checkTensor(op, "a", a, this.heap), checkOffset(op, "aOffset", ao), n);
    const bp = span(op, "b", checkTensor(op, "b", b, this.heap), checkOffset(op, "bOffset", bo), n);
    checkSameOrDisjoint(op, "out", o, "a", ap, n);
    checkSameOrDisjoint(op, "out", o, "b", bp, n);
    return [o, ap, bp];
  }

  // ---- positions ----------------------------------------------------------------------------

  ropeTable(maxLen: number, headDim: number, theta: number, rotaryDim?: number): RopeTable {
    const op = "ropeTable";
    this.live(op);
    checkSize(op, "maxLen", maxLen);
    checkSize(op, "headDim", headDim);
    checkNumber(op, "theta", theta, "positive");
    const rd = rotaryDim === undefined ? headDim : checkSize(op, "rotaryDim", rotaryDim);
    if (rd % 2 !== 0 || rd > headDim)
      throw new RangeError(`${op}: rotaryDim must be even and <= headDim (${headDim}), got ${rd}`);
    const half = rd / 2;
    const cos = this.alloc(maxLen * half) as HeapTensor;
    const sin = this.alloc(maxLen * half) as HeapTensor;
    const f = this.heap.f32;
    const c0 = cos.ptr >>> 2;
    const s0 = sin.ptr >>> 2;
    for (let i = 0; i < half; i++) {
      const freq = Math.pow(theta, (-2 * i) / rd);
      for (let p = 0; p < maxLen; p++) {
        const a = p * freq;
        f[c0 + p * half + i] = Math.cos(a);
        f[s0 + p * half + i] = Math.sin(a);
      }
    }
    return new HeapRopeTable(cos, sin, maxLen, headDim, rd);
  }

  rope(x: Tensor, table: RopeTable, T: number, heads: number, pos0: number, style: RopeStyle, offset?: number): void {
    const op = "rope";
    this.live(op);
    if (!(table instanceof HeapRopeTable)) throw new TypeError(`${op}: table must come from this instance's ropeTable()`);
    checkTensor(op, "table.cos", table.cos, this.heap);
    checkTensor(op, "table.sin", table.sin, this.heap);
    checkSize(op, "T", T);
    checkSize(op, "heads", heads);
    checkOffset(op, "pos0", pos0);
    if (style !== "interleaved" && style !== "half")
      throw new TypeError(`${op}: style must be "interleaved" or "half", got ${String(style)}`);
    if (pos0 + T > table.maxLen)
      throw new RangeError(`${op}: pos0 + T (${pos0 + T}) exceeds the table's maxLen (${table.maxLen})`);
    const xp = span(op, "x", checkTensor(op, "x", x, this.heap), checkOffset(op, "offset", offset), T * heads * table.headDim);
    this.engine.rope(xp, table.cos.ptr, table.sin.ptr, T, heads, table.headDim, table.rotaryDim, pos0, style === "interleaved");
  }

  // ---- attention ----------------------------------------------------------------------------

  attention(a: AttentionArgs): void {
    const op = "attention";
    this.live(op);
    if (a === null || typeof a !== "object") throw new TypeError(`${op}: args must be an object`);
    const heap = this.heap;
    const T = checkSize(op, "T", a.T);
    const heads = checkSize(op, "heads", a.heads);
    const kvHeads = checkSize(op, "kvHeads", a.kvHeads);
    const headDim = checkSize(op, "headDim", a.headDim);
    const kvLen = checkSize(op, "kvLen", a.kvLen);
    const pos0 = checkOffset(op, "pos0", a.pos0);
    if (heads % kvHeads !== 0) throw new RangeError(`${op}: heads (${heads}) must be a multiple of kvHeads (${kvHeads})`);
    if (pos0 + T > kvLen) throw new RangeError(`${op}: pos0 + T (${pos0 + T}) must be <= kvLen (${kvLen})`);
    const scale = a.scale === undefined ? 1 / Math.sqrt(headDim) : checkNumber(op, "scale", a.scale);
    const qn = T * heads * headDim;
    const kvn = kvLen * kvHeads * headDim;
    const out = span(op, "out", checkTensor(op, "out", a.out, heap), checkOffset(op, "outOffset", a.outOffset), qn);
    const q = span(op, "q", checkTensor(op, "q", a.q, heap), checkOffset(op, "qOffset", a.qOffset), qn);
    const k = span(op, "k", checkTensor(op, "k", a.k, heap), checkOffset(op, "kOffset", a.kOffset), kvn);
    const v = span(op, "v", checkTensor(op, "v", a.v, heap), checkOffset(op, "vOffset", a.vOffset), kvn);
    let slopes = 0;
    if (a.alibiSlopes !== undefined) slopes = span(op, "alibiSlopes", checkTensor(op, "alibiSlopes", a.alibiSlopes, heap), 0, heads);
    let weights = 0;
    if (a.weightsOut !== undefined) {
      weights = span(op, "weightsOut", checkTensor(op, "weightsOut", a.weightsOut, heap), 0, heads * T * kvLen);
      checkNoOverlap(op, "weightsOut", weights, heads * T * kvLen, "out", out, qn);
    }
    checkNoOverlap(op, "out", out, qn, "q", q, qn);
    checkNoOverlap(op, "out", out, qn, "k", k, kvn);
    checkNoOverlap(op, "out", out, qn, "v", v, kvn);
    this.engine.attention(out, q, k, v, T, heads, kvHeads, headDim, kvLen, pos0, scale, slopes, weights);
  }

  // ---- gathers / reductions -----------------------------------------------------------------

  embedding(out: Tensor, table: Tensor | PackedMatrix, ids: ArrayLike<number>, dim: number, outOffset?: number): void {
    const op = "embedding";
    this.live(op);
    const heap = this.heap;
    checkSize(op, "dim", dim);
    if (ids === null || typeof ids !== "object" || typeof ids.length !== "number")
      throw new TypeError(`${op}: ids must be an array-like of token ids`);
    const packed = table instanceof HeapPackedMatrix ? table : undefined;
    const tt = checkTensor(op, "table", packed ? packed.tensor : table, heap);
    if (packed && packed.cols !== dim) throw new RangeError(`${op}: table is a packed ${packed.rows}×${packed.cols} matrix, but dim is ${dim}`);
    if (!packed && tt.length % dim !== 0) throw new RangeError(`${op}: table length ${tt.length} is not a multiple of dim ${dim}`);
    const vocab = packed ? packed.rows : tt.length / dim;
    const n = ids.length;
    const o = span(op, "out", checkTensor(op, "out", out, heap), checkOffset(op, "outOffset", outOffset), n * dim);
    checkNoOverlap(op, "out", o, n * dim, "table", tt.ptr, tt.length);
    for (let t = 0; t < n; t++) {
      const id = ids[t];
      if (typeof id !== "number" || !Number.isInteger(id) || id < 0 || id >= vocab)
        throw new RangeError(`${op}: ids[${t}] = ${String(id)} is not a token id in [0, ${vocab})`);
    }
    // A row gather is a memory copy: both backends share it (copyWithin is a native memmove).
    const f = heap.f32;
    const o4 = o >>> 2;
    if (packed) {
      gatherPackedRows(f, packed, ids, o4);
      return;
    }
    const t4 = tt.ptr >>> 2;
    for (let t = 0; t < n; t++) {
      const src = t4 + ids[t]! * dim;
      f.copyWithin(o4 + t * dim, src, src + dim);
    }
  }

  argmax(x: Tensor, n: number, offset?: number): number {
    const op = "argmax";
    this.live(op);
    checkSize(op, "n", n);
    const xp = span(op, "x", checkTensor(op, "x", x, this.heap), checkOffset(op, "offset", offset), n);
    return this.engine.argmax(xp, n);
  }
}
