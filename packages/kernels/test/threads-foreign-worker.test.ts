// In Node, another library may have put a `Worker` global in place (onnxruntime-web's Emscripten
// threads do, once a session has run) that cannot load blob: URLs. The pool must still start its
// workers through worker_threads, not fall back to one thread.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKernels } from "../src/index.js";

describe("threads with a foreign Worker global in Node", () => {
  const g = globalThis as { Worker?: unknown };
  const saved = g.Worker;
  beforeAll(() => {
    g.Worker = class ForeignWorker {
      constructor(url: string) {
        throw new TypeError(`The worker script or module filename must be an absolute path (test double), got ${url}`);
      }
    };
  });
  afterAll(() => {
    if (saved === undefined) delete g.Worker;
    else g.Worker = saved;
  });

  it("starts two threads through worker_threads and computes what one thread does", async () => {
    const two = await createKernels({ backend: "wasm", variant: "simd", threads: 2 });
    const one = await createKernels({ backend: "wasm", variant: "simd", threads: 1 });
    expect(two.info.threads).toBe(2);
    const K = 300;
    const N = 700;
    const xs = Array.from({ length: K }, (_, i) => (i % 7) - 3);
    const ws = Array.from({ length: N * K }, (_, i) => ((i * 13) % 5) - 2);
    const run = (kn: typeof two): Float32Array => {
      const y = kn.alloc(N);
      kn.matmul({ y, x: kn.tensor(xs), w: kn.tensor(ws), M: 1, K, N });
      return y.toArray();
    };
    // Integer data: exact sums, so the two must be equal.
    expect(run(two)).toEqual(run(one));
    two.dispose();
    one.dispose();
  });
});
