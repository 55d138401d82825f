// @wasmformer/tokenizer — public entry. Ready tiktoken encodings also have their own subpaths
// ("@wasmformer/tokenizer/cl100k_base", …) so an app imports only what it uses.
export type * from "./types.js";
export * from "./errors.js";
export * from "./stream/index.js";
export * from "./bpe/index.js";
export * from "./bytelevel/index.js";
export * from "./pretokenize/index.js";
export * from "./tiktoken/index.js";
export * from "./encodings/index.js";
export * from "./train/index.js";
export * from "./formats/index.js";
