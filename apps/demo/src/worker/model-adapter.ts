// LoadedModel over @wasmformer/model.

import type { Kernels } from "@wasmformer/kernels";
import type { Tokenizer } from "@wasmformer/tokenizer";
import type { LoadedModel } from "./loaded-model.js";

export function loadLlama2c(_checkpoint: Uint8Array, _tokenizer: Tokenizer, _kernels: Kernels): LoadedModel {
  throw new Error("the model package is not wired in yet");
}
