// Quick local timing of the kernels (not the project bench; see bench/ for that).
// usage: node scripts/quickbench.mjs [js|simd|relaxed-simd ...]
import { createKernels } from "../dist/index.js";

const variants = process.argv.slice(2).length ? process.argv.slice(2) : ["js"];
function time(fn, minMs = 300) {
  fn();
  let n = 0;
  const t0 = performance.now();
  let t = t0;
  const samples = [];
  while (t - t0 < minMs) {
    const a = performance.now();
    fn();
    t = performance.now();
    samples.push(t - a);
    n++;
  }
  samples.sort((a, b) => a - b);
  return samples[samples.length >> 1];
}
const rnd = (n) => Float32Array.from({ length: n }, () => Math.random() * 2 - 1);

for (const v of variants) {
  const kn = await createKernels(v === "js" ? { backend: "js" } : { backend: "wasm", variant: v });
  console.log(`== ${v}: ${kn.info.reason}`);
  for (const [M, K, N] of [[1, 288, 288], [1, 288, 768], [1, 768, 768], [1, 768, 3072], [1, 2048, 2048], [1, 4096, 4096], [1, 288, 32000], [64, 768, 768], [128, 768, 3072], [256, 256, 256], [512, 512, 512], [1024, 1024, 1024]]) {
    if (v === "js" && M * K * N > 2e8) continue;
    const x = kn.tensor(rnd(M * K)), w = kn.tensor(rnd(N * K)), y = kn.alloc(M * N);
    const ms = time(() => kn.matmul({ y, x, w, M, K, N }));
    const gflops = (2 * M * K * N) / ms / 1e6;
    const gbs = (4 * N * K) / ms / 1e6;
    console.log(`matmul M=${M} K=${K} N=${N}: ${ms.toFixed(3)} ms  ${gflops.toFixed(2)} GFLOP/s  ${M === 1 ? gbs.toFixed(1) + " GB/s" : ""}`);
    kn.free(x); kn.free(w); kn.free(y);
  }
  for (const cols of [128, 1024, 4096, 32000]) {
    const rows = Math.max(1, Math.floor(4e6 / cols / (v === "js" ? 4 : 1)));
    const data = rnd(rows * cols).map((a) => a * 5);
    const x = kn.tensor(data);
    const ms = time(() => { kn.softmaxRows(x, rows, cols); });
    console.log(`softmax cols=${cols} rows=${rows}: ${((rows * cols) / ms / 1e3).toFixed(0)} Melem/s`);
    kn.free(x);
  }
  for (const n of [128, 512, 1024, 2048]) {
    const heads = 1, d = 64;
    const q = kn.tensor(rnd(n * d)), k = kn.tensor(rnd(n * d)), vv = kn.tensor(rnd(n * d)), out = kn.alloc(n * d);
    if (v === "js" && n > 1024) continue;
    const ms = time(() => kn.attention({ out, q, k, v: vv, T: n, heads, kvHeads: 1, headDim: d, kvLen: n, pos0: 0 }));
    const ms1 = time(() => kn.attention({ out, q, k, v: vv, T: 1, heads, kvHeads: 1, headDim: d, kvLen: n, pos0: n - 1 }));
    console.log(`attention causal prefill n=${n} d=${d}: ${ms.toFixed(3)} ms ${((4 * n * n * d) / ms / 1e6).toFixed(2)} GFLOP/s (4n²d) | decode@n ${(ms1 * 1000).toFixed(1)} µs`);
    for (const t of [q, k, vv, out]) kn.free(t);
  }
  {
    const rows = 64, dim = 768;
    const x = kn.tensor(rnd(rows * dim)), w = kn.tensor(rnd(dim)), b = kn.tensor(rnd(dim)), o = kn.alloc(rows * dim);
    const ms = time(() => kn.rmsnorm(o, x, w, rows, dim, 1e-5));
    const ms2 = time(() => kn.layernorm(o, x, w, b, rows, dim, 1e-5));
    console.log(`rmsnorm 64x768: ${((rows * dim) / ms / 1e3).toFixed(0)} Melem/s; layernorm ${((rows * dim) / ms2 / 1e3).toFixed(0)} Melem/s`);
    const tab = kn.ropeTable(2048, 64, 10000);
    const xr = kn.tensor(rnd(64 * 12 * 64));
    const ms3 = time(() => kn.rope(xr, tab, 64, 12, 100, "interleaved"));
    console.log(`rope 64x12x64: ${((64 * 12 * 64) / ms3 / 1e3).toFixed(0)} Melem/s`);
    const ms4 = time(() => kn.silu(o, x, rows * dim));
    console.log(`silu: ${((rows * dim) / ms4 / 1e3).toFixed(0)} Melem/s`);
  }
  kn.dispose();
}
