// One thread's share of a job, read from the control block. This function is also sent to the
// workers as source text (Function.prototype.toString), so it must stay self-contained: no
// imports, no outer variables — only its parameters and JS/wasm globals.

import type { ControlLayout } from "./layout.js";
import type { KernelsWasmExports } from "../wasm/exports.js";

/**
 * Run slice `t` of the job in `c` (Int32Array over the control block; `f` is a Float32Array over
 * the same bytes). Op codes: 1 GEMV rows, 2 GEMM columns, 3 attention heads.
 */
export function runSlice(e: KernelsWasmExports, c: Int32Array, f: Float32Array, L: ControlLayout, t: number): void {
  const lo = c[L.RANGES + 2 * t]!;
  const hi = c[L.RANGES + 2 * t + 1]!;
  if (lo >= hi) return;
  const a = L.ARGS;
  const op = c[L.OP];
  if (op === 1 || op === 2) {
    // y, x, w, bias, M, K, N, accumulate; the slice is output columns lo..hi-1 (rows of W).
    const y = c[a]!, x = c[a + 1]!, w = c[a + 2]!, bias = c[a + 3]!;
    const M = c[a + 4]!, K = c[a + 5]!, N = c[a + 6]!, acc = c[a + 7]!;
    const ws = w + lo * K * 4;
    const bs = bias === 0 ? 0 : bias + lo * 4;
    if (op === 1) {
      for (let m = 0; m < M; m++) e.matmul_f32_gemv(y + (m * N + lo) * 4, x + m * K * 4, ws, bs, K, hi - lo, acc, N);
    } else {
      e.matmul_f32_gemm(y + lo * 4, x, ws, bs, M, K, hi - lo, N, acc, c[L.GEMM_SCRATCH + t]!);
    }
  } else if (op === 3) {
    e.attention_f32_causal(
      c[a]!, c[a + 1]!, c[a + 2]!, c[a + 3]!, c[a + 4]!, c[a + 5]!, c[a + 6]!, c[a + 7]!, c[a + 8]!, c[a + 9]!,
      f[a + 10]!, c[a + 11]!, c[a + 12]!, lo, hi, c[L.ATTN_SCRATCH + t]!,
    );
  }
}
