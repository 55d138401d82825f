// silu, gelu (GPT-2 tanh form) and swiglu, element-wise (out may equal the input).
// gelu uses the identity 0.5·(1 + tanh z) = σ(2z), so gelu(x) = x / (1 + e^{−2z}) with
// z = √(2/π)·(x + 0.044715·x³): no cancellation for negative x.

import { sexp, vexp } from "./exp";

const GELU_C: f32 = 0.7978845608028654; // √(2/π)
const GELU_A: f32 = 0.044715;

// @ts-ignore: decorator
@inline function vsilu(v: v128): v128 {
  return f32x4.div(v, f32x4.add(f32x4.splat(1), vexp(f32x4.neg(v))));
}

// @ts-ignore: decorator
@inline function ssilu(v: f32): f32 {
  return v / (1 + sexp(-v));
}

// @ts-ignore: decorator
@inline function vgelu(v: v128): v128 {
  const v2 = f32x4.mul(v, v);
  const z = f32x4.mul(f32x4.splat(GELU_C), f32x4.add(v, f32x4.mul(f32x4.splat(GELU_A), f32x4.mul(v2, v))));
  return f32x4.div(v, f32x4.add(f32x4.splat(1), vexp(f32x4.mul(z, f32x4.splat(-2)))));
}

// @ts-ignore: decorator
@inline function sgelu(v: f32): f32 {
  const z = GELU_C * (v + GELU_A * v * v * v);
  return v / (1 + sexp(-2 * z));
}

export function silu_f32(out: usize, x: usize, n: i32): void {
  const end4 = <usize>(n & ~3) << 2;
  const end = <usize>n << 2;
  let off: usize = 0;
  for (; off < end4; off += 16) v128.store(out + off, vsilu(v128.load(x + off)));
  for (; off < end; off += 4) store<f32>(out + off, ssilu(load<f32>(x + off)));
}

export function gelu_f32(out: usize, x: usize, n: i32): void {
  const end4 = <usize>(n & ~3) << 2;
  const end = <usize>n << 2;
  let off: usize = 0;
  for (; off < end4; off += 16) v128.store(out + off, vgelu(v128.load(x + off)));
  for (; off < end; off += 4) store<f32>(out + off, sgelu(load<f32>(x + off)));
}

export function swiglu_f32(out: usize, a: usize, b: usize, n: i32): void {
  const end4 = <usize>(n & ~3) << 2;
  const end = <usize>n << 2;
  let off: usize = 0;
  for (; off < end4; off += 16) v128.store(out + off, f32x4.mul(vsilu(v128.load(a + off)), v128.load(b + off)));
  for (; off < end; off += 4) store<f32>(out + off, ssilu(load<f32>(a + off)) * load<f32>(b + off));
}
