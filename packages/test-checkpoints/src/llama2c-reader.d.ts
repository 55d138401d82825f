import type { LlamaDimensions } from "./hf-llama.js";

/** Size of the llama2.c header: 7 int32. */
export declare const LLAMA2C_HEADER_BYTES: 28;

/** The 7 int32 header fields of a llama2.c checkpoint (`vocab` is |vocab_size|). */
export interface Llama2cHeader extends LlamaDimensions {
  /** vocab_size > 0: the classifier is the token embedding. */
  shared: boolean;
}

export type Llama2cTensorName = "emb" | "rmsAtt" | "wq" | "wk" | "wv" | "wo" | "rmsFfn" | "w1" | "w2" | "w3" | "rmsFinal";

export interface Llama2cFile extends Llama2cHeader {
  /** Tensors in file order, as float32 views (all layers of a kind in one view). */
  tensors: Record<Llama2cTensorName, Float32Array>;
  /** The classifier [vocab, dim] when not shared; undefined when shared. */
  wcls: Float32Array | undefined;
  /** Floats in the file after the header. */
  floats: number;
}

/** The header fields; throws if the bytes are shorter than the header. */
export declare function readLlama2cHeader(bytes: Uint8Array): Llama2cHeader;
/** The header and every tensor (float32 views over a copy of the bytes); throws on a truncated file. */
export declare function readLlama2c(bytes: Uint8Array): Llama2cFile;
