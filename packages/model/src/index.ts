// @wasmformer/model — a decoder-only transformer (Llama 2 and GPT-2 families) over @wasmformer/kernels.
export * from "./config.js";
export * from "./errors.js";
export { Transformer, type TransformerOptions, type PrefillOptions, type AttentionObserver } from "./transformer.js";
export { weightSpecs, type WeightSpec, type WeightName, type Weights, type LinearWeightName, type HeapObject } from "./weights.js";
export { alibiSlopes, sinusoidalTable } from "./positions.js";
export { loadLlama2cCheckpoint, readLlama2cConfig, memoryNeeded, LLAMA2C_HEADER_BYTES, type LoadOptions } from "./loaders/llama2c.js";
export { XorShiftRng, SeededRng } from "./rng.js";
export {
  createSampler,
  createLlama2cSampler,
  distribution,
  argmax,
  type Sampler,
  type SamplerOptions,
  type SampleResult,
  type Llama2cSamplerOptions,
} from "./sampler.js";
export { generate, Generation, type GenerateOptions, type GeneratedToken, type GenerationStats, type GenerationTokenizer } from "./generate.js";
export { parameterTable, summarizeModel, topTokens, type ParameterRow, type ModelSummary, type TokenProbability } from "./inspect.js";
export { SafetensorsFile, f16ToFloat, bf16ToFloat, type SafetensorsTensor, type SafetensorsDtype } from "./loaders/safetensors.js";
export { loadHuggingFaceCheckpoint, readHuggingFaceConfig, type HuggingFaceFiles } from "./loaders/huggingface.js";
