import type { Llama2cFile } from "./llama2c-reader.js";
import type { HfFolderFiles } from "./hf-folder.js";
import type { TensorMap } from "./safetensors.js";

/** convert_llama_weights_to_hf's permute(): within each head of `w` [heads·headSize, cols], row 2i+j moves to j·(headSize/2)+i. */
export declare function ropeRowsToHalfSplit(w: Float32Array, heads: number, cols: number): Float32Array;
/** The HF llama tensors (F32, layout order) holding a llama2.c file's weights (lm_head only when not shared). */
export declare function hfLlamaTensorsFromLlama2c(f: Llama2cFile): TensorMap;
/** config.json (pretty-printed) and model.safetensors (F32, 8-byte aligned) for a llama2.c file's weights. */
export declare function hfLlamaFromLlama2c(f: Llama2cFile): HfFolderFiles;
