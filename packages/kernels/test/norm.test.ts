// rmsnorm / layernorm vs float64 math.
// rmsnorm: Σx² carries γ_dim relative error, 1/√(·) halves it and adds ~2u, the two products add 2u:
//   |Δ| ≤ |ref|·(γ_dim + 6u) + TINY.
// layernorm: the mean carries γ_dim·mean|x| absolute error which the centring passes on unscaled,
//   the variance γ_{2·dim} relative, then products and the bias add:
//   |Δ| ≤ |w|·inv·(γ_dim·mean|x| + u|x−mean|)·2 + |ref−b|·(γ_{2dim} + 6u) + u·|ref| + TINY.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Kernels } from "../src/api.js";
import { createKernels } from "../src/index.js";
import { backendCases } from "./helpers/backends.js";
import { expectClose } from "./helpers/close.js";
import { uniform } from "./helpers/random.js";
import { TINY, U, gamma, layernormRef, rmsnormRef } from "./helpers/reference.js";

const shapes: [number, number][] = [
  [1, 1], [2, 3], [1, 4], [3, 7], [2, 8], [1, 15], [2, 16], [3, 17], [1, 63], [2, 64], [1, 255], [2, 257],
  [1, 288], [4, 768], [1, 64],
];

describe.each(backendCases)("norms [$name]", ({ options }) => {
  let kn: Kernels;
  beforeAll(async () => {
    kn = await createKernels(options);
  });
  afterAll(() => kn.dispose());

  it.each(shapes)("rmsnorm rows=%i dim=%i (separate out and in place)", (rows, dim) => {
    const xs = uniform(rows + dim * 3, rows * dim, -2, 2);
    const ws = uniform(dim, dim, 0.5, 1.5);
    const ref = rmsnormRef(xs, ws, rows, dim, 1e-5);
    const x = kn.tensor(xs);
    const w = kn.tensor(ws);
    const out = kn.alloc(rows * dim + 4);
    out.view().fill(3);
    kn.rmsnorm(out, x, w, rows, dim, 1e-5, 2);
    const got = out.toArray();
    expectClose(got.subarray(2, 2 + rows * dim), ref, (i) => Math.abs(ref[i]!) * (gamma(dim) + 6 * U) + TINY, "out");
    expect([got[0], got[1], got[rows * dim + 2], got[rows * dim + 3]]).toEqual([3, 3, 3, 3]);
    kn.rmsnorm(x, x, w, rows, dim, 1e-5);
    expectClose(x.toArray(), ref, (i) => Math.abs(ref[i]!) * (gamma(dim) + 6 * U) + TINY, "in place");
    for (const t of [x, w, out]) kn.free(t);
  });

  it.each(shapes)("layernorm rows=%i dim=%i (separate out and in place)", (rows, dim) => {
    const xs = uniform(rows * 5 + dim, rows * dim, -2, 3);
    const ws = uniform(dim + 1, dim, 0.5, 1.5);
    const bs = uniform(dim + 2, dim, -0.5, 0.5);
    const eps = 1e-5;
    const ref = layernormRef(xs, ws, bs, rows, dim, eps);
    const tol = (i: number): number => {
      const r = Math.floor(i / dim);
      const c = i % dim;
      let mean = 0;
      let meanAbs = 0;
      let v = 0;
      for (let j = 0; j < dim; j++) {
        mean += xs[r * dim + j]! / dim;
        meanAbs += Math.abs(xs[r * dim + j]!) / dim;
      }
      for (let j = 0; j < dim; j++) v += (xs[r * dim + j]! - mean) ** 2 / dim;
      const inv = 1 / Math.sqrt(v + eps);
      return (
        2 * Math.abs(ws[c]!) * inv * (gamma(dim) * meanAbs + U * Math.abs(xs[i]! - mean)) +
        Math.abs(ref[i]! - bs[c]!) * (gamma(2 * dim) + 6 * U) + U * Math.abs(ref[i]!) + TINY
      );
    };
    const x = kn.tensor(xs);
    const w = kn.tensor(ws);
    const b = kn.tensor(bs);
    const out = kn.alloc(rows * dim);
    kn.layernorm(out, x, w, b, rows, dim, eps);
    expectClose(out.toArray(), ref, tol, "out");
    kn.layernorm(x, x, w, b, rows, dim, eps);
    expectClose(x.toArray(), ref, tol, "in place");
    for (const t of [x, w, b, out]) kn.free(t);
  });

  it("uses w/b offsets inside a bigger tensor (per-layer weights)", () => {
    const dim = 20;
    const xs = uniform(1, dim);
    const all = uniform(2, 3 * dim, 0.5, 1.5);
    const x = kn.tensor(xs);
    const w = kn.tensor(all);
    const out = kn.alloc(dim);
    kn.rmsnorm(out, x, w, 1, dim, 1e-6, 0, 0, 2 * dim);
    const ref = rmsnormRef(xs, all.subarray(2 * dim), 1, dim, 1e-6);
    expectClose(out.toArray(), ref, (i) => Math.abs(ref[i]!) * (gamma(dim) + 6 * U) + TINY, "out");
    for (const t of [x, w, out]) kn.free(t);
  });
});
