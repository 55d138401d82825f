// When workers cannot start (e.g. a CSP forbidding blob: workers), createKernels still resolves,
// runs on one thread, and says why in info.reason; the kernels keep computing correctly.

import { describe, expect, it, vi } from "vitest";

vi.mock("../src/threads/spawn.js", () => ({
  workerSupport: () => "web",
  spawnWorker: () => {
    throw new Error("Refused to create a worker from 'blob:' (test double)");
  },
}));

const { createKernels } = await import("../src/index.js");

describe("threads fallback", () => {
  it("runs one thread and reports why when workers cannot start", async () => {
    const kn = await createKernels({ backend: "wasm", variant: "simd", threads: 2 });
    expect(kn.info.threads).toBe(1);
    expect(kn.info.reason).toMatch(/threads=2 unavailable \(Refused to create a worker/);
    const K = 300;
    const N = 700;
    const x = kn.tensor(Array.from({ length: K }, (_, i) => (i % 7) - 3));
    const w = kn.tensor(Array.from({ length: N * K }, (_, i) => ((i * 13) % 5) - 2));
    const y = kn.alloc(N);
    kn.matmul({ y, x, w, M: 1, K, N }); // big enough to be split if a pool existed
    // Integer data: the float32 sums are exact, so compare exactly with a plain loop.
    const got = y.toArray();
    for (let n = 0; n < N; n++) {
      let s = 0;
      for (let k = 0; k < K; k++) s += ((k % 7) - 3) * ((((n * K + k) * 13) % 5) - 2);
      expect(got[n]).toBe(s);
    }
    kn.dispose();
  });
});
