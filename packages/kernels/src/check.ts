// Argument checks shared by every op. Each throws before any kernel runs, with a message that
// starts with "<op>: <argument>:" so the caller sees which argument is wrong.

import type { WeightsFrom } from "./api.js";
import type { Heap } from "./heap.js";
import type { HeapPackedMatrix } from "./packed.js";
import { HeapIntTensor, HeapTensor } from "./tensor.js";

/** A size argument: an integer ≥ 1. */
export function checkSize(op: string, name: string, v: unknown): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 1)
    throw new RangeError(`${op}: ${name} must be an integer >= 1, got ${String(v)}`);
  return v;
}

/** An optional element offset / index argument: an integer ≥ 0 (default 0). */
export function checkOffset(op: string, name: string, v: unknown): number {
  if (v === undefined) return 0;
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0)
    throw new RangeError(`${op}: ${name} must be an integer >= 0, got ${String(v)}`);
  return v;
}

/** A finite number (optionally required to be > 0 or ≥ 0). */
export function checkNumber(op: string, name: string, v: unknown, min?: "positive" | "nonnegative"): number {
  if (typeof v !== "number" || !Number.isFinite(v))
    throw new RangeError(`${op}: ${name} must be a finite number, got ${String(v)}`);
  if (min === "positive" && !(v > 0)) throw new RangeError(`${op}: ${name} must be > 0, got ${v}`);
  if (min === "nonnegative" && !(v >= 0)) throw new RangeError(`${op}: ${name} must be >= 0, got ${v}`);
  return v;
}

/** matmul's optional weightsFrom hint: "cache", "memory" or undefined. */
export function checkWeightsFrom(op: string, v: unknown): WeightsFrom | undefined {
  if (v === undefined || v === "cache" || v === "memory") return v;
  throw new TypeError(`${op}: weightsFrom must be "cache" or "memory", got ${typeof v === "string" ? JSON.stringify(v) : String(v)}`);
}

/** A tensor of this instance's heap that has not been freed. */
export function checkTensor(op: string, name: string, t: unknown, heap: Heap): HeapTensor {
  if (!(t instanceof HeapTensor)) throw new TypeError(`${op}: ${name} must be a Tensor allocated by this kernels instance`);
  if (t.heap !== heap) throw new TypeError(`${op}: ${name} belongs to another kernels instance`);
  if (t.freed) throw new TypeError(`${op}: ${name} has been freed`);
  return t;
}

export function checkIntTensor(op: string, name: string, t: unknown, heap: Heap): HeapIntTensor {
  if (!(t instanceof HeapIntTensor)) throw new TypeError(`${op}: ${name} must be an IntTensor allocated by this kernels instance`);
  if (t.heap !== heap) throw new TypeError(`${op}: ${name} belongs to another kernels instance`);
  if (t.freed) throw new TypeError(`${op}: ${name} has been freed`);
  return t;
}

/**
 * Check that `count` elements starting at element `offset` fit in tensor `t` and return the byte
 * pointer of element `offset`.
 */
export function span(op: string, name: string, t: HeapTensor, offset: number, count: number): number {
  if (offset + count > t.length)
    throw new RangeError(
      `${op}: ${name} needs ${count} elements at offset ${offset} (end ${offset + count}) but has length ${t.length}`,
    );
  return t.ptr + offset * 4;
}

/** Byte ranges [a, a+aLen) and [b, b+bLen) must not overlap. */
export function checkNoOverlap(op: string, aName: string, a: number, aCount: number, bName: string, b: number, bCount: number): void {
  if (a < b + bCount * 4 && b < a + aCount * 4) throw new RangeError(`${op}: ${aName} must not overlap ${bName}`);
}

/** Same range or no overlap (for element-wise ops that allow out === input). */
export function checkSameOrDisjoint(op: string, aName: string, a: number, bName: string, b: number, count: number): void {
  if (a !== b && a < b + count * 4 && b < a + count * 4)
    throw new RangeError(`${op}: ${aName} must be exactly ${bName} (in place) or not overlap it`);
}

/** A packed matrix of this heap whose shape is N × K (a packed matrix takes no element offset). */
export function checkPacked(op: string, name: string, p: HeapPackedMatrix, heap: Heap, N: number, K: number, offset: unknown): HeapPackedMatrix {
  checkTensor(op, `${name}.tensor`, p.tensor, heap);
  if (p.rows !== N || p.cols !== K)
    throw new RangeError(`${op}: ${name} is a packed ${p.rows}×${p.cols} matrix, but N × K is ${N}×${K}`);
  if (offset !== undefined && offset !== 0) throw new RangeError(`${op}: ${name}Offset must be 0 or absent for a packed matrix, got ${String(offset)}`);
  return p;
}
