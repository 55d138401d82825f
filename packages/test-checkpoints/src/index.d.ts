// The package's API, file by file (see README.md).
export type { Dtype, SafetensorsOptions, Tensor, TensorMap } from "./safetensors.js";
export { safetensorsBytes } from "./safetensors.js";
export { bf16Bits, f16Bits, fromBf16Bits, fromF16Bits, roundToDtype } from "./half-precision.js";
export { mulberry32 } from "./seeded-random.js";
export type { TensorRole, TensorSpec } from "./tensor-specs.js";
export { elementCount, fillTensors, tensorMap } from "./tensor-specs.js";
export type { Llama2cFile, Llama2cHeader, Llama2cTensorName } from "./llama2c-reader.js";
export { LLAMA2C_HEADER_BYTES, readLlama2c, readLlama2cHeader } from "./llama2c-reader.js";
export type { HfLlamaConfig, HfLlamaShape, LlamaDimensions } from "./hf-llama.js";
export { hfLlamaConfig, hfLlamaTensorSpecs } from "./hf-llama.js";
export type { HfGpt2Config, HfGpt2Shape } from "./hf-gpt2.js";
export { hfGpt2Config, hfGpt2TensorSpecs } from "./hf-gpt2.js";
export { hfLlamaFromLlama2c, hfLlamaTensorsFromLlama2c, ropeRowsToHalfSplit } from "./llama2c-to-hf.js";
export type { HfFolderFiles } from "./hf-folder.js";
export { writeHfFolder } from "./hf-folder.js";
export { attend, attentionWeights, conv1d, geluTanh, layernorm, linear, rmsnorm, silu } from "./reference-math.js";
export type { Gpt2ReferenceShape } from "./gpt2-reference.js";
export { gpt2Reference } from "./gpt2-reference.js";
