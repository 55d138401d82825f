// Tensor handles: a (ptr, length) region of one heap. Views are created on demand over the
// heap's current buffer, so they are valid after the memory grows (re-take them; do not cache).

import type { IntTensor, Tensor } from "./api.js";
import type { Heap } from "./heap.js";

export class HeapTensor implements Tensor {
  readonly ptr: number;
  readonly length: number;
  /** @internal */ readonly heap: Heap;
  /** @internal */ freed = false;

  constructor(heap: Heap, ptr: number, length: number) {
    this.heap = heap;
    this.ptr = ptr;
    this.length = length;
  }

  view(): Float32Array {
    if (this.freed) throw new TypeError("tensor.view: tensor has been freed");
    return new Float32Array(this.heap.buffer, this.ptr, this.length);
  }

  set(data: ArrayLike<number>, offset = 0): void {
    if (this.freed) throw new TypeError("tensor.set: tensor has been freed");
    checkSpan("tensor.set", "offset", offset, data.length, this.length);
    this.heap.f32.set(data, (this.ptr >>> 2) + offset);
  }

  toArray(offset = 0, length: number = this.length - offset): Float32Array {
    if (this.freed) throw new TypeError("tensor.toArray: tensor has been freed");
    checkSpan("tensor.toArray", "offset", offset, length, this.length);
    const start = (this.ptr >>> 2) + offset;
    return this.heap.f32.slice(start, start + length);
  }
}

export class HeapIntTensor implements IntTensor {
  readonly ptr: number;
  readonly length: number;
  /** @internal */ readonly heap: Heap;
  /** @internal */ freed = false;

  constructor(heap: Heap, ptr: number, length: number) {
    this.heap = heap;
    this.ptr = ptr;
    this.length = length;
  }

  view(): Int32Array {
    if (this.freed) throw new TypeError("intTensor.view: tensor has been freed");
    return new Int32Array(this.heap.buffer, this.ptr, this.length);
  }

  set(data: ArrayLike<number>, offset = 0): void {
    if (this.freed) throw new TypeError("intTensor.set: tensor has been freed");
    checkSpan("intTensor.set", "offset", offset, data.length, this.length);
    this.heap.i32.set(data, (this.ptr >>> 2) + offset);
  }
}

function checkSpan(op: string, name: string, offset: number, count: number, length: number): void {
  if (!Number.isInteger(offset) || offset < 0) throw new RangeError(`${op}: ${name} must be a non-negative integer, got ${offset}`);
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`${op}: length must be a non-negative integer, got ${count}`);
  if (offset + count > length)
    throw new RangeError(`${op}: ${count} elements at ${name} ${offset} do not fit in a tensor of ${length}`);
}
