import type { Dtype } from "./safetensors.js";

/** The binary16 bits of `v`, rounded to nearest (subnormals kept; no overflow handling: tests stay in range). */
export declare function f16Bits(v: number): number;
/** The value of binary16 bits `h`. */
export declare function fromF16Bits(h: number): number;
/** The bfloat16 bits of `v`: the top 16 bits of its float32 (truncation). */
export declare function bf16Bits(v: number): number;
/** The value of bfloat16 bits `h`. */
export declare function fromBf16Bits(h: number): number;
/** `v` as the dtype stores it (exactly representable in float32 for all three). */
export declare function roundToDtype(v: number, dtype: Dtype): number;
