// out[i] = e^x[i] through the kernels' vectorised exp (exported so tests can measure its error).

import { sexp, vexp } from "./simd";

export function exp_f32(out: usize, x: usize, n: i32): void {
  const end4 = <usize>(n & ~3) << 2;
  const end = <usize>n << 2;
  let off: usize = 0;
  for (; off < end4; off += 16) v128.store(out + off, vexp(v128.load(x + off)));
  for (; off < end; off += 4) store<f32>(out + off, sexp(load<f32>(x + off)));
}
