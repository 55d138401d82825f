// silu / gelu / swiglu / add vs float64 math.
// silu(x) = x/(1+e^{−x}): exp (EXP_REL, argument exact) then an add and a divide:
//   |Δ| ≤ |ref|·(EXP_REL·|x|·σ(−x) + 2·EXP_REL + 4u) + TINY (the |x|σ(−x) term: 1+e^{−x} inherits exp's error scaled by e^{−x}/(1+e^{−x})).
// gelu is evaluated as x·σ(2z), z = √(2/π)(x + 0.044715x³) (identical to 0.5x(1+tanh z)); z carries
//   ~4u relative error, which e^{−2z} turns into 8u·|z| absolute in the exponent:
//   |Δ| ≤ |ref|·((8u·|z| + EXP_REL)·σ(−2z) + 2·EXP_REL + 6u) + TINY.
// swiglu = silu(a)·b: silu's bound + u.  add: one rounding, |Δ| ≤ u·|ref|.
// Floor: exp results below the smallest normal (2^-126) may be flushed to zero, and silu/gelu multiply
//   that exp by x, so the absolute floor is TINY·max(1, |x|) (e.g. silu(−90) ≈ −7e-38 may come out as −0).

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Kernels } from "../src/api.js";
import { createKernels } from "../src/index.js";
import { backendCases } from "./helpers/backends.js";
import { expectClose } from "./helpers/close.js";
import { uniform } from "./helpers/random.js";
import { EXP_REL, TINY, U, geluRef, siluRef } from "./helpers/reference.js";

const sizes = [1, 3, 4, 5, 7, 8, 9, 15, 16, 17, 63, 64, 65, 255, 257, 768, 2048];
const sigmoid = (v: number): number => 1 / (1 + Math.exp(-v));
const floor = (x: number): number => TINY * Math.max(1, Math.abs(x));
const siluTol = (x: number): number => Math.abs(siluRef(x)) * (EXP_REL * Math.abs(x) * sigmoid(-x) + 2 * EXP_REL + 4 * U) + floor(x);
const geluTol = (x: number): number => {
  const z = Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3);
  return Math.abs(geluRef(x)) * ((8 * U * Math.abs(z) + EXP_REL) * sigmoid(-2 * z) + 2 * EXP_REL + 6 * U) + floor(x);
};

describe.each(backendCases)("activations [$name]", ({ options }) => {
  let kn: Kernels;
  beforeAll(async () => {
    kn = await createKernels(options);
  });
  afterAll(() => kn.dispose());

  it.each(sizes)("silu and gelu, n=%i, out-of-place and in place", (n) => {
    const xs = uniform(n, n, -12, 12);
    if (n > 4) xs.set([0, -90, 90, -1e-3], 0);
    const x = kn.tensor(xs);
    const out = kn.alloc(n);
    kn.silu(out, x, n);
    expectClose(out.toArray(), Array.from(xs, siluRef), (i) => siluTol(xs[i]!), "silu");
    kn.gelu(out, x, n);
    expectClose(out.toArray(), Array.from(xs, geluRef), (i) => geluTol(xs[i]!), "gelu");
    kn.gelu(x, x, n);
    expectClose(x.toArray(), Array.from(xs, geluRef), (i) => geluTol(xs[i]!), "gelu in place");
    kn.free(x);
    kn.free(out);
  });

  it.each(sizes)("swiglu and add, n=%i", (n) => {
    const as = uniform(n + 1, n, -10, 10);
    const bs = uniform(n + 2, n, -3, 3);
    const a = kn.tensor(as);
    const b = kn.tensor(bs);
    const out = kn.alloc(n);
    kn.swiglu(out, a, b, n);
    const sw = Array.from(as, (v, i) => siluRef(v) * bs[i]!);
    expectClose(out.toArray(), sw, (i) => siluTol(as[i]!) * Math.abs(bs[i]!) + U * Math.abs(sw[i]!) + floor(as[i]!), "swiglu");
    const sum = Array.from(as, (v, i) => v + bs[i]!);
    kn.add(out, a, b, n);
    expectClose(out.toArray(), sum, (i) => U * Math.abs(sum[i]!), "add");
    kn.add(a, a, b, n); // residual: out aliases a
    expectClose(a.toArray(), sum, (i) => U * Math.abs(sum[i]!), "add in place");
    for (const t of [a, b, out]) kn.free(t);
  });

  it("add with offsets writes only its range", () => {
    const a = kn.tensor([1, 2, 3, 4, 5, 6]);
    const b = kn.tensor([10, 20, 30]);
    const out = kn.tensor([0, 0, 0, 0, 0, 0, 0]);
    kn.add(out, a, b, 3, 2, 3, 0);
    expect(Array.from(out.toArray())).toEqual([0, 0, 14, 25, 36, 0, 0]);
  });
});
