// A checkpoint's bytes → a LoadedModel on the given kernels, through @wasmformer/model's loaders
// (llama2.c .bin, or Hugging Face config.json + model.safetensors), checked against its tokenizer.

import type { Kernels } from "@wasmformer/kernels";
import { type Transformer, loadHuggingFaceCheckpoint, loadLlama2cCheckpoint } from "@wasmformer/model";
import type { Tokenizer } from "@wasmformer/tokenizer";
import type { CheckpointFiles, LoadedModel } from "./loaded-model.js";
import { adaptModel } from "./model-adapter.js";

export function loadCheckpoint(files: CheckpointFiles, tokenizer: Tokenizer, kernels: Kernels): LoadedModel {
  const model: Transformer =
    files.format === "llama2c"
      ? loadLlama2cCheckpoint(files.checkpoint, { kernels, file: files.name })
      : loadHuggingFaceCheckpoint({ config: files.config, safetensors: files.safetensors }, { kernels });
  const V = model.config.vocabSize;
  // llama2.c pairs a checkpoint with exactly its vocabulary; HF models may pad theirs past the tokenizer's.
  const fits = files.format === "llama2c" ? tokenizer.vocabSize === V : tokenizer.vocabSize <= V;
  if (!fits) {
    model.dispose();
    throw new RangeError(`the tokenizer has ${tokenizer.vocabSize} pieces but ${files.name} has a vocabulary of ${V}: they do not belong together`);
  }
  return adaptModel(model, tokenizer, files.format);
}
