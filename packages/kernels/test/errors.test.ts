// Bad input → RangeError/TypeError naming the argument, thrown before any kernel runs (so the
// output is untouched).

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Kernels, Tensor } from "../src/api.js";
import { createKernels } from "../src/index.js";
import { backendCases } from "./helpers/backends.js";

describe.each(backendCases)("argument checks [$name]", ({ options }) => {
  let kn: Kernels;
  let x: Tensor;
  let w: Tensor;
  let y: Tensor;
  beforeAll(async () => {
    kn = await createKernels(options);
    x = kn.tensor([1, 2, 3, 4, 5, 6]);
    w = kn.tensor([1, 1, 1, 1, 1, 1]);
    y = kn.tensor([7, 7, 7, 7]);
  });
  afterAll(() => kn.dispose());

  const untouched = (): void => expect(Array.from(y.toArray())).toEqual([7, 7, 7, 7]);

  it.each([
    [{ M: 0 }, RangeError, /matmul: M must be an integer >= 1/],
    [{ K: 2.5 }, RangeError, /matmul: K must be an integer >= 1/],
    [{ N: Number.NaN }, RangeError, /matmul: N must be an integer >= 1, got NaN/],
    [{ M: -1 }, RangeError, /matmul: M/],
    [{ K: 4 }, RangeError, /matmul: x needs 8 elements at offset 0/],
    [{ N: 5 }, RangeError, /matmul: y needs 10 elements/],
    [{ xOffset: 1 }, RangeError, /matmul: x needs 6 elements at offset 1/],
    [{ wOffset: -2 }, RangeError, /matmul: wOffset must be an integer >= 0/],
    [{ w: {} }, TypeError, /matmul: w must be a Tensor/],
  ])("matmul %o → %o", (patch, Ctor, msg) => {
    const args = { y, x, w, M: 2, K: 3, N: 2, ...patch } as Parameters<Kernels["matmul"]>[0];
    expect(() => kn.matmul(args)).toThrow(Ctor);
    expect(() => kn.matmul(args)).toThrow(msg);
    untouched();
  });

  it("matmul rejects y overlapping x", () => {
    expect(() => kn.matmul({ y: x, x, w, M: 1, K: 3, N: 1, yOffset: 2 })).toThrow(/y must not overlap x/);
  });

  it("attention: heads not divisible by kvHeads, pos0 past kvLen, short caches", () => {
    const q = kn.alloc(12);
    const k = kn.alloc(12);
    const v = kn.alloc(12);
    const out = kn.alloc(12);
    const base = { out, q, k, v, T: 1, heads: 3, kvHeads: 3, headDim: 4, kvLen: 1, pos0: 0 };
    expect(() => kn.attention(base)).not.toThrow();
    expect(() => kn.attention({ ...base, kvHeads: 2 })).toThrow(/heads \(3\) must be a multiple of kvHeads \(2\)/);
    expect(() => kn.attention({ ...base, pos0: 1 })).toThrow(/pos0 \+ T \(2\) must be <= kvLen \(1\)/);
    expect(() => kn.attention({ ...base, kvLen: 2, pos0: 1 })).toThrow(/attention: k needs 24 elements/);
    expect(() => kn.attention({ ...base, headDim: 0 })).toThrow(RangeError);
    expect(() => kn.attention({ ...base, scale: Number.NaN })).toThrow(/scale must be a finite number/);
    expect(() => kn.attention({ ...base, weightsOut: kn.alloc(2) })).toThrow(/weightsOut needs 3 elements/);
    expect(() => kn.attention({ ...base, alibiSlopes: kn.alloc(2) })).toThrow(/alibiSlopes needs 3 elements/);
  });

  it("norms, softmax, activations, rope, gathers", () => {
    expect(() => kn.rmsnorm(y, x, w, 2, 3, 1e-5)).toThrow(/rmsnorm: out needs 6 elements/);
    expect(() => kn.rmsnorm(y, x, w, 1, 4, -1)).toThrow(/rmsnorm: eps must be >= 0/);
    expect(() => kn.layernorm(y, x, w, w, 1, 4, 1e-5, 0, 0, 0, 3)).toThrow(/layernorm: b needs 4 elements at offset 3/);
    expect(() => kn.softmaxRows(y, 2, 3)).toThrow(/softmaxRows: x needs 6 elements/);
    expect(() => kn.softmaxRows(y, 1, 4, 0)).toThrow(/softmaxRows: temperature must be > 0/);
    expect(() => kn.softmaxRows(y, 1, 4, Infinity)).toThrow(/temperature must be a finite number/);
    expect(() => kn.silu(y, x, 5)).toThrow(/silu: out needs 5 elements/);
    expect(() => kn.swiglu(y, x, w, 1.5)).toThrow(/swiglu: n must be an integer >= 1/);
    expect(() => kn.add(y, x, w, 4, 0, 0, 3)).toThrow(/add: b needs 4 elements at offset 3/);
    expect(() => kn.add(x, x, w, 4, 1)).toThrow(/add: out must be exactly a/);
    expect(() => kn.ropeTable(8, 6, 10000, 5)).toThrow(/ropeTable: rotaryDim must be even/);
    expect(() => kn.ropeTable(8, 6, -1)).toThrow(/ropeTable: theta must be > 0/);
    const table = kn.ropeTable(4, 2, 10000);
    expect(() => kn.rope(x, table, 1, 1, 4, "half")).toThrow(/pos0 \+ T \(5\) exceeds the table's maxLen \(4\)/);
    expect(() => kn.rope(x, table, 1, 1, 0, "rotate" as "half")).toThrow(TypeError);
    expect(() => kn.rope(x, { ...table }, 1, 1, 0, "half")).toThrow(/table must come from this instance/);
    expect(() => kn.embedding(y, x, [0, 3], 2)).toThrow(/ids\[1\] = 3 is not a token id in \[0, 3\)/);
    expect(() => kn.embedding(y, x, [0, 1, 0], 2)).toThrow(/embedding: out needs 6 elements/);
    expect(() => kn.embedding(y, x, [1.5], 2)).toThrow(/ids\[0\]/);
    expect(() => kn.embedding(y, x, [0], 4)).toThrow(/table length 6 is not a multiple of dim 4/);
    expect(() => kn.argmax(y, 5)).toThrow(/argmax: x needs 5 elements/);
    expect(() => kn.alloc(-1)).toThrow(/alloc: length must be an integer >= 1/);
    untouched();
  });

  it("createKernels validates its options", async () => {
    await expect(createKernels({ ...options, threads: 0 })).rejects.toThrow(/threads must be an integer/);
    await expect(createKernels({ ...options, maxMemoryBytes: 100 })).rejects.toThrow(/maxMemoryBytes/);
    await expect(createKernels({ backend: "gpu" as "js" })).rejects.toThrow(TypeError);
  });
});
