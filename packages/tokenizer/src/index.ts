export type * from "./types.js";
export * from "./errors.js";
export * from "./stream/index.js";
export * from "./bpe/index.js";
export * from "./formats/index.js";
