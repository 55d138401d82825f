// A tiny consumer of the published package, used by the zero-config loading tests: it is imported
// from a scratch project in Node, bundled with esbuild and Vite, and loaded in Chromium. It runs a
// few kernels on seeded data and returns the outputs, so every host's results can be compared.
// Plain JavaScript on purpose: no TypeScript, no bundler configuration.
import { createKernels } from "@wasmformer/kernels";

function rand(seed, n) {
  let a = seed >>> 0;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((t ^ (t >>> 14)) >>> 0) / 4294967296 - 0.5;
  }
  return out;
}

/** Runs the kernels once with `options`; returns { info, out: { name: number[] } }. */
export async function runSuite(options) {
  const kn = await createKernels(options);
  const out = {};
  // A product small enough to know by heart: [1 2 3] · [[1 0 1] [0 1 0] [2 2 2] [-1 1 -1]]ᵀ = [4 2 12 -2].
  {
    const x = kn.tensor([1, 2, 3]);
    const w = kn.tensor([1, 0, 1, 0, 1, 0, 2, 2, 2, -1, 1, -1]);
    const y = kn.alloc(4);
    kn.matmul({ y, x, w, M: 1, K: 3, N: 4 });
    out.exact = Array.from(y.toArray());
  }
  for (const [M, K, N] of [[1, 288, 768], [17, 64, 172]]) {
    const x = kn.tensor(rand(M + K, M * K));
    const w = kn.tensor(rand(K + N, N * K));
    const y = kn.alloc(M * N);
    kn.matmul({ y, x, w, M, K, N });
    out[`matmul ${M}x${K}x${N}`] = Array.from(y.toArray());
  }
  // Packed weights, the GEMV reading them as one stream (cache) and as two (memory).
  {
    const K = 290, N = 203;
    const x = kn.tensor(rand(9, K));
    const w = kn.allocPacked(N, K);
    w.set(rand(10, N * K));
    const y = kn.alloc(N);
    for (const weightsFrom of ["cache", "memory"]) {
      kn.matmul({ y, x, w, M: 1, K, N, weightsFrom });
      out[`packed gemv ${weightsFrom}`] = Array.from(y.toArray());
    }
  }
  {
    const x = kn.tensor(rand(3, 2 * 257).map((v) => v * 20));
    kn.softmaxRows(x, 2, 257);
    out.softmax = Array.from(x.toArray());
  }
  {
    const T = 9, heads = 4, kvHeads = 2, headDim = 16, kvLen = 9;
    const q = kn.tensor(rand(4, T * heads * headDim));
    const k = kn.tensor(rand(5, kvLen * kvHeads * headDim));
    const v = kn.tensor(rand(6, kvLen * kvHeads * headDim));
    const o = kn.alloc(T * heads * headDim);
    kn.attention({ out: o, q, k, v, T, heads, kvHeads, headDim, kvLen, pos0: 0 });
    out.attention = Array.from(o.toArray());
  }
  {
    const x = kn.tensor(rand(7, 3 * 48));
    const w = kn.tensor(rand(8, 48));
    const o = kn.alloc(3 * 48);
    kn.rmsnorm(o, x, w, 3, 48, 1e-5);
    kn.silu(o, o, 3 * 48);
    out["rmsnorm+silu"] = Array.from(o.toArray());
  }
  const info = kn.info;
  kn.dispose();
  return { info, out };
}
