// The wasm kernels' vectorised exp (assembly/exp.ts), measured directly on the built modules against
// float64 Math.exp. softmax, attention, silu and gelu tolerances rely on EXP_REL, so this pins it.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { EXP_REL, TINY } from "./helpers/reference.js";

interface ExpExports {
  exp_f32(out: number, x: number, n: number): void;
  exp_f32_nonpos(out: number, x: number, n: number): void;
}

const N = 1 << 18;
const X = 1 << 16; // byte offset of the inputs
const OUT = X + N * 4;

async function load(variant: string): Promise<{ e: ExpExports; f32: Float32Array }> {
  const bytes = readFileSync(new URL(`../build/kernels-${variant}.wasm`, import.meta.url));
  const memory = new WebAssembly.Memory({ initial: 64 });
  const { instance } = await WebAssembly.instantiate(bytes, { env: { memory } });
  return { e: instance.exports as unknown as ExpExports, f32: new Float32Array(memory.buffer) };
}

/** Max relative error over xs (values whose true result is below the smallest normal must be 0 or within TINY). */
function maxRelError(xs: Float32Array, got: Float32Array): number {
  let worst = 0;
  for (let i = 0; i < xs.length; i++) {
    const want = Math.exp(xs[i]!);
    const g = got[i]!;
    if (want < TINY) {
      expect(Math.abs(g - want), `exp(${xs[i]})`).toBeLessThanOrEqual(TINY);
      continue;
    }
    if (want > 3.4028234663852886e38) {
      expect(g, `exp(${xs[i]})`).toBe(Infinity);
      continue;
    }
    worst = Math.max(worst, Math.abs(g - want) / want);
  }
  return worst;
}

describe.each(["simd", "relaxed-simd"])("wasm exp [%s]", (variant) => {
  it("exp_f32 is within EXP_REL of Math.exp on [-90, 90], with 0 / Infinity / NaN at the ends", async () => {
    const { e, f32 } = await load(variant);
    const xs = new Float32Array(N);
    for (let i = 0; i < N; i++) xs[i] = -90 + (180 * i) / (N - 1);
    xs.set([0, -0, 1e-30, -1e-30, -Infinity, Infinity, NaN, 88.72, -87.33, 0.3465736, -0.3465736], 0);
    f32.set(xs, X >> 2);
    e.exp_f32(OUT, X, N - 1); // odd count: the scalar tail too
    const got = f32.slice(OUT >> 2, (OUT >> 2) + N - 1);
    expect(got[0]).toBe(1);
    expect(got[4]).toBe(0);
    expect(got[5]).toBe(Infinity);
    expect(got[6]).toBeNaN();
    const finite = xs.subarray(7, N - 1);
    expect(maxRelError(finite, got.subarray(7))).toBeLessThan(EXP_REL);
  });

  it("exp_f32_nonpos is within EXP_REL on [-90, 0] and maps -Infinity to 0", async () => {
    const { e, f32 } = await load(variant);
    const xs = new Float32Array(N);
    for (let i = 0; i < N; i++) xs[i] = -90 * (i / (N - 1));
    xs[1] = -Infinity;
    f32.set(xs, X >> 2);
    e.exp_f32_nonpos(OUT, X, N - 3);
    const got = f32.slice(OUT >> 2, (OUT >> 2) + N - 3);
    expect(got[0]).toBe(1);
    expect(got[1]).toBe(0);
    xs[1] = 0;
    got[1] = 1;
    expect(maxRelError(xs.subarray(0, N - 3), got)).toBeLessThan(EXP_REL);
  });
});
