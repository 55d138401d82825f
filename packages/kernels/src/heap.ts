// One heap per kernels instance: a WebAssembly.Memory (or, where WebAssembly is missing, a plain
// ArrayBuffer) plus a 16-byte-aligned allocator (bump pointer + address-ordered free list with
// coalescing). The WASM backend imports this memory, so the heap owns the memory cap. Kernels
// never allocate; only `alloc` grows the memory, and it refreshes the cached views when it does.

import { KernelsMemoryError } from "./errors.js";

export const HEAP_ALIGN = 16;
export const PAGE_BYTES = 65536;
/** Bytes at the start of memory kept for the WASM module's own static data (never handed out). */
export const HEAP_BASE = 4096;
/** Largest memory a wasm32 instance can address. */
export const MAX_WASM_BYTES = 65536 * PAGE_BYTES;

export interface HeapOptions {
  initialBytes: number;
  maxBytes: number;
  /** Use a shared WebAssembly.Memory (for the threaded build). */
  shared?: boolean;
  /** Force the plain-ArrayBuffer storage even when WebAssembly exists (tests). */
  plainBuffer?: boolean;
}

interface FreeBlock {
  ptr: number;
  size: number;
}

const alignUp = (n: number, a: number): number => Math.ceil(n / a) * a;

export class Heap {
  /** The memory the WASM backend imports (undefined for the plain-ArrayBuffer fallback). */
  readonly memory: WebAssembly.Memory | undefined;
  readonly maxBytes: number;
  buffer: ArrayBuffer | SharedArrayBuffer;
  f32: Float32Array;
  i32: Int32Array;
  u8: Uint8Array;
  private top = HEAP_BASE;
  private used = 0;
  private readonly sizes = new Map<number, number>();
  private readonly freeList: FreeBlock[] = [];

  constructor(opts: HeapOptions) {
    this.maxBytes = alignUp(Math.min(opts.maxBytes, MAX_WASM_BYTES), PAGE_BYTES);
    const initial = Math.min(alignUp(Math.max(opts.initialBytes, HEAP_BASE + PAGE_BYTES), PAGE_BYTES), this.maxBytes);
    if (!opts.plainBuffer && typeof WebAssembly !== "undefined" && typeof WebAssembly.Memory === "function") {
      const descriptor: WebAssembly.MemoryDescriptor = {
        initial: initial / PAGE_BYTES,
        maximum: this.maxBytes / PAGE_BYTES,
      };
      if (opts.shared) (descriptor as { shared?: boolean }).shared = true;
      this.memory = new WebAssembly.Memory(descriptor);
      this.buffer = this.memory.buffer;
    } else {
      this.memory = undefined;
      this.buffer = new ArrayBuffer(initial);
    }
    this.f32 = new Float32Array(this.buffer);
    this.i32 = new Int32Array(this.buffer);
    this.u8 = new Uint8Array(this.buffer);
  }

  /** Bytes the memory currently spans. */
  get capacityBytes(): number {
    return this.buffer.byteLength;
  }

  /** Bytes held by live allocations. */
  get usedBytes(): number {
    return this.used;
  }

  /** Allocate `bytes` (rounded up to 16), zero-filled. Returns the byte offset. */
  alloc(bytes: number): number {
    const size = alignUp(Math.max(bytes, 1), HEAP_ALIGN);
    let ptr = this.takeFree(size);
    if (ptr < 0) {
      ptr = this.top;
      const end = ptr + size;
      if (end > this.maxBytes) throw new KernelsMemoryError(size, this.used, this.maxBytes);
      if (end > this.buffer.byteLength) this.grow(end);
      this.top = end;
    }
    this.sizes.set(ptr, size);
    this.used += size;
    this.u8.fill(0, ptr, ptr + size);
    return ptr;
  }

  /** Return a block to the heap. Returns false when `ptr` is not a live block. */
  free(ptr: number): boolean {
    const size = this.sizes.get(ptr);
    if (size === undefined) return false;
    this.sizes.delete(ptr);
    this.used -= size;
    this.insertFree(ptr, size);
    return true;
  }

  isLive(ptr: number): boolean {
    return this.sizes.has(ptr);
  }

  private takeFree(size: number): number {
    const list = this.freeList;
    for (let i = 0; i < list.length; i++) {
      const b = list[i]!;
      if (b.size < size) continue;
      const ptr = b.ptr;
      if (b.size === size) list.splice(i, 1);
      else {
        b.ptr += size;
        b.size -= size;
      }
      return ptr;
    }
    return -1;
  }

  private insertFree(ptr: number, size: number): void {
    const list = this.freeList;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.ptr < ptr) lo = mid + 1;
      else hi = mid;
    }
    list.splice(lo, 0, { ptr, size });
    // Coalesce with the next and previous neighbours.
    const cur = list[lo]!;
    const next = list[lo + 1];
    if (next && cur.ptr + cur.size === next.ptr) {
      cur.size += next.size;
      list.splice(lo + 1, 1);
    }
    const prev = list[lo - 1];
    if (prev && prev.ptr + prev.size === cur.ptr) {
      prev.size += cur.size;
      list.splice(lo, 1);
    }
    // A free block that reaches the bump pointer gives its space back to it.
    const last = list[list.length - 1];
    if (last && last.ptr + last.size === this.top) {
      this.top = last.ptr;
      list.pop();
    }
  }

  private grow(minBytes: number): void {
    const current = this.buffer.byteLength;
    const target = Math.min(this.maxBytes, alignUp(Math.max(minBytes, current + (current >> 1)), PAGE_BYTES));
    if (this.memory) {
      try {
        this.memory.grow((target - current) / PAGE_BYTES);
      } catch {
        throw new KernelsMemoryError(minBytes - this.top, this.used, this.maxBytes);
      }
      this.buffer = this.memory.buffer;
    } else {
      const next = new ArrayBuffer(target);
      new Uint8Array(next).set(this.u8);
      this.buffer = next;
    }
    this.f32 = new Float32Array(this.buffer);
    this.i32 = new Int32Array(this.buffer);
    this.u8 = new Uint8Array(this.buffer);
  }
}
