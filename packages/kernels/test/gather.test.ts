// embedding (row gather) and argmax: exact operations, compared exactly.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Kernels } from "../src/api.js";
import { createKernels } from "../src/index.js";
import { backendCases } from "./helpers/backends.js";
import { uniform } from "./helpers/random.js";

describe.each(backendCases)("gathers and reductions [$name]", ({ options }) => {
  let kn: Kernels;
  beforeAll(async () => {
    kn = await createKernels(options);
  });
  afterAll(() => kn.dispose());

  it.each([1, 3, 17, 64, 288])("embedding gathers rows exactly, dim=%i", (dim) => {
    const vocab = 37;
    const ts = uniform(dim, vocab * dim);
    const table = kn.tensor(ts);
    const ids = [5, 0, 36, 5, 17];
    const out = kn.alloc(ids.length * dim + 2);
    kn.embedding(out, table, ids, dim, 1);
    const got = out.toArray();
    for (let t = 0; t < ids.length; t++)
      expect(Array.from(got.subarray(1 + t * dim, 1 + (t + 1) * dim))).toEqual(Array.from(ts.subarray(ids[t]! * dim, (ids[t]! + 1) * dim)));
    expect([got[0], got[ids.length * dim + 1]]).toEqual([0, 0]);
    kn.embedding(out, table, Int32Array.of(36), dim);
    expect(Array.from(out.toArray(0, dim))).toEqual(Array.from(ts.subarray(36 * dim)));
  });

  it.each([1, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 255, 257, 512, 32000])("argmax n=%i finds the first maximum", (n) => {
    const xs = uniform(n * 3, n, -5, 5);
    const x = kn.alloc(n + 4);
    x.view().fill(100); // guards outside the range must not win
    x.set(xs, 2);
    let want = 0;
    for (let i = 1; i < n; i++) if (xs[i]! > xs[want]!) want = i;
    expect(kn.argmax(x, n, 2)).toBe(want);
    // a tie later in the row does not move the answer; the last element can win
    if (n > 2) {
      x.set([xs[want]!], 2 + n - 1);
      expect(kn.argmax(x, n, 2)).toBe(want);
      x.set([6], 2 + n - 1);
      expect(kn.argmax(x, n, 2)).toBe(n - 1);
    }
    kn.free(x);
  });

  it("argmax: NaN never wins, -Infinity rows, all-NaN gives 0", () => {
    expect(kn.argmax(kn.tensor([NaN, 1, NaN, 3, NaN, 2]), 6)).toBe(3);
    expect(kn.argmax(kn.tensor([-Infinity, -Infinity, -Infinity]), 3)).toBe(0);
    expect(kn.argmax(kn.tensor([NaN, NaN, -Infinity, NaN, 0.5, NaN, NaN, NaN, NaN]), 9)).toBe(4);
    expect(kn.argmax(kn.tensor([NaN, NaN, NaN, NaN, NaN]), 5)).toBe(0);
    expect(kn.argmax(kn.tensor([-1, -0.5, -0.5, -2]), 4)).toBe(1);
  });
});
