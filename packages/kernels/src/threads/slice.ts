// Claiming and running chunks of a job. These functions are also sent to the workers as source
// text (Function.prototype.toString), so they must stay self-contained: no imports, no outer
// variables — only their parameters and JS/wasm globals.

import type { ControlLayout } from "./layout.js";
import type { KernelsWasmExports } from "../wasm/exports.js";

/**
 * Items lo..hi-1 of the current job, run by thread `t` (its scratch). Op codes: 1 GEMV / 2 GEMM
 * output columns (W row-major), 4 GEMV / 5 GEMM / 6 two-stream GEMV output columns (W packed
 * "n4k4": lo is a multiple of 4, so the slice starts at a panel), 3 attention heads. `c`/`f` view
 * the control block.
 */
export function runItems(e: KernelsWasmExports, c: Int32Array, f: Float32Array, L: ControlLayout, t: number, lo: number, hi: number): void {
  const a = L.ARGS;
  const op = c[L.OP];
  if (op === 1 || op === 2 || op === 4 || op === 5 || op === 6) {
    // y, x, w, bias, M, K, N, accumulate; items are output columns (rows of W).
    const y = c[a]!, x = c[a + 1]!, w = c[a + 2]!, bias = c[a + 3]!;
    const M = c[a + 4]!, K = c[a + 5]!, N = c[a + 6]!, acc = c[a + 7]!;
    const packed = op >= 4;
    const K4 = (K + 3) & ~3;
    const ws = packed ? w + (lo >> 2) * K4 * 16 : w + lo * K * 4;
    const bs = bias === 0 ? 0 : bias + lo * 4;
    if (op === 1) {
      for (let m = 0; m < M; m++) e.matmul_f32_gemv(y + (m * N + lo) * 4, x + m * K * 4, ws, bs, K, hi - lo, acc, N);
    } else if (op === 4) {
      for (let m = 0; m < M; m++) e.matmul_f32_gemv_n4k4(y + (m * N + lo) * 4, x + m * K * 4, ws, bs, K, hi - lo, acc);
    } else if (op === 6) {
      for (let m = 0; m < M; m++) e.matmul_f32_gemv_n4k4_x2(y + (m * N + lo) * 4, x + m * K * 4, ws, bs, K, hi - lo, acc);
    } else {
      e.matmul_f32_gemm(y + lo * 4, x, ws, bs, M, K, hi - lo, N, acc, c[L.GEMM_SCRATCH + t]!, packed ? K4 : 0);
    }
  } else if (op === 3) {
    e.attention_f32_causal(
      c[a]!, c[a + 1]!, c[a + 2]!, c[a + 3]!, c[a + 4]!, c[a + 5]!, c[a + 6]!, c[a + 7]!, c[a + 8]!, c[a + 9]!,
      f[a + 10]!, c[a + 11]!, c[a + 12]!, lo, hi, c[L.ATTN_SCRATCH + t]!,
    );
  }
}

/**
 * Claim and run chunks of job generation `seq` until none are left (or the job has moved on).
 * The job's description is read only after a claim succeeds: a claimed chunk keeps its job
 * current (the main thread waits for it), so a thread that was slow to arrive can never run a
 * chunk with another job's arguments. A failing chunk sets ERROR; every claimed chunk is counted.
 */
export function claimChunks(e: KernelsWasmExports, c: Int32Array, f: Float32Array, L: ControlLayout, t: number, seq: number, run: typeof runItems): void {
  const tag = (seq & 0x7fff) << 16;
  for (;;) {
    const cur = Atomics.load(c, L.NEXT);
    if ((cur & ~0xffff) !== tag) return;
    const chunk = cur & 0xffff;
    if (chunk >= Atomics.load(c, L.CHUNKS)) return;
    if (Atomics.compareExchange(c, L.NEXT, cur, cur + 1) !== cur) continue;
    const size = c[L.CHUNK_SIZE]!;
    const lo = chunk * size;
    const hi = Math.min(c[L.ITEMS]!, lo + size);
    try {
      run(e, c, f, L, t, lo, hi);
    } catch {
      Atomics.store(c, L.ERROR, 1);
    }
    Atomics.add(c, L.COMPLETED, 1);
  }
}
