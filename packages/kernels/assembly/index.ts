// The wasm module's exports: one kernel family per file. Pointers are byte offsets into the
// imported memory (env.memory), which the TypeScript heap owns; no kernel allocates.

export { matmul_f32_gemv } from "./gemv";
export { matmul_f32_gemv_n4k4 } from "./gemv-n4k4";
export { matmul_f32_gemv_n4k4_x2 } from "./gemv-n4k4-x2";
export { matmul_f32_gemm, GEMM_MR, GEMM_SCRATCH_BYTES } from "./gemm";
export { softmax_f32_rows } from "./softmax";
export { attention_f32_causal, attention_scratch_bytes } from "./attention";
export { rmsnorm_f32, layernorm_f32 } from "./norm";
export { rope_f32 } from "./rope";
export { silu_f32, gelu_f32, swiglu_f32 } from "./activation";
export { add_f32, argmax_f32 } from "./elementwise";
export { exp_f32, exp_f32_nonpos } from "./exp";
