// Heap and Tensor handles: alignment, zero fill, reuse after free, growth, the cap, foreign tensors.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Kernels } from "../src/api.js";
import { KernelsDisposedError, KernelsMemoryError, createKernels } from "../src/index.js";
import { backendCases } from "./helpers/backends.js";

describe.each(backendCases)("heap and tensors [$name]", ({ options }) => {
  let kn: Kernels;
  beforeAll(async () => {
    kn = await createKernels({ ...options, initialMemoryBytes: 1 << 16, maxMemoryBytes: 64 << 20 });
  });
  afterAll(() => kn.dispose());

  it("hands out 16-byte aligned, zero-filled, non-overlapping tensors", () => {
    const ts = [1, 3, 5, 17, 4, 63].map((n) => kn.alloc(n));
    for (const t of ts) {
      expect(t.ptr % 16).toBe(0);
      expect(t.ptr).toBeGreaterThan(0);
      expect(Array.from(t.view())).toEqual(new Array(t.length).fill(0));
    }
    const sorted = [...ts].sort((a, b) => a.ptr - b.ptr);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i]!.ptr).toBeGreaterThanOrEqual(sorted[i - 1]!.ptr + sorted[i - 1]!.length * 4);
    ts[2]!.view().fill(3);
    kn.free(ts[2]!);
    const again = kn.alloc(5); // reuses the freed block, zero-filled
    expect(again.ptr).toBe(ts[2]!.ptr);
    expect(Array.from(again.view())).toEqual([0, 0, 0, 0, 0]);
    for (const t of [...ts.filter((_, i) => i !== 2), again]) kn.free(t);
  });

  it("keeps data and gives valid views after the memory grows", () => {
    const a = kn.tensor([1, 2, 3, 4, 5]);
    const before = kn.memoryBytes;
    const big = kn.alloc(4 << 20); // 16 MiB: forces growth
    expect(kn.memoryBytes).toBeGreaterThan(before);
    expect(Array.from(a.view())).toEqual([1, 2, 3, 4, 5]);
    a.view()[0] = 42;
    expect(a.toArray()[0]).toBe(42);
    const y = kn.alloc(1);
    kn.matmul({ y, x: a, w: a, M: 1, K: 5, N: 1 });
    expect(y.toArray()[0]).toBe(42 * 42 + 4 + 9 + 16 + 25);
    for (const t of [a, big, y]) kn.free(t);
  });

  it("throws KernelsMemoryError past maxMemoryBytes, and stays usable", () => {
    let err: unknown;
    try {
      kn.alloc(20 << 20); // 80 MiB > 64 MiB cap
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(KernelsMemoryError);
    expect((err as KernelsMemoryError).maxMemoryBytes).toBe(64 << 20);
    expect((err as Error).message).toMatch(/maxMemoryBytes/);
    const t = kn.tensor([1, 2]);
    expect(Array.from(t.toArray())).toEqual([1, 2]);
    kn.free(t);
  });

  it("rejects freed tensors, tensors of another instance and look-alike objects", async () => {
    const other = await createKernels(options);
    const foreign = other.alloc(4);
    const x = kn.alloc(4);
    const y = kn.alloc(4);
    expect(() => kn.add(y, x, foreign, 4)).toThrow(TypeError);
    expect(() => kn.add(y, x, foreign, 4)).toThrow(/b belongs to another kernels instance/);
    const fake = { ptr: x.ptr, length: 4, view: () => new Float32Array(4), set: () => {}, toArray: () => new Float32Array(4) };
    expect(() => kn.silu(y, fake, 4)).toThrow(/silu: x must be a Tensor/);
    kn.free(x);
    expect(() => kn.silu(y, x, 4)).toThrow(/silu: x has been freed/);
    expect(() => x.view()).toThrow(TypeError);
    expect(() => kn.free(x)).toThrow(/freed/);
    other.dispose();
    expect(() => other.alloc(1)).toThrow(KernelsDisposedError);
    kn.free(y);
  });

  it("int tensors hold token ids", () => {
    const ids = kn.allocInt(3);
    ids.set([7, -1, 2 ** 31 - 1]);
    expect(Array.from(ids.view())).toEqual([7, -1, 2 ** 31 - 1]);
    kn.free(ids);
  });

  it("tensor.set / toArray check their ranges", () => {
    const t = kn.alloc(4);
    expect(() => t.set([1, 2, 3], 2)).toThrow(RangeError);
    expect(() => t.toArray(3, 2)).toThrow(RangeError);
    expect(() => t.set([1], -1)).toThrow(RangeError);
    t.set([9], 3);
    expect(Array.from(t.toArray(2))).toEqual([0, 9]);
    kn.free(t);
  });
});
