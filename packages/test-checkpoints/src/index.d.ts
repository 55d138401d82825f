// Test-only checkpoint code shared by the test suites; see README.md.
export * from "./half-precision.js";
export * from "./safetensors.js";
export * from "./seeded-random.js";
export * from "./tensor-specs.js";
export * from "./llama2c-reader.js";
export * from "./hf-llama.js";
export * from "./hf-gpt2.js";
export * from "./llama2c-to-hf.js";
export * from "./hf-folder.js";
export * from "./reference-math.js";
export * from "./gpt2-reference.js";
