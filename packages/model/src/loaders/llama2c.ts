// llama2.c checkpoints (`.bin`): a header of 7 little-endian int32
//   dim, hidden_dim, n_layers, n_heads, n_kv_heads, vocab_size, seq_len
// (negative vocab_size: the classifier is NOT shared with the token embedding), then f32 tensors in
// run.c's order, the legacy freq_cis block (skipped: we precompute our own RoPE table), then wcls when
// unshared. The header is checked against the file length before anything is allocated.

import type { Kernels } from "@wasmformer/kernels";
import { type ModelConfig, headDim, kvDim, llamaConfig } from "../config.js";
import { ModelConfigError, ModelFileError } from "../errors.js";
import { Transformer, type TransformerOptions } from "../transformer.js";
import { type WeightName, allocateWeights, elementCount, weightElementsInHeap } from "../weights.js";

export const LLAMA2C_HEADER_BYTES = 28;
const FIELDS = ["dim", "hidden_dim", "n_layers", "n_heads", "n_kv_heads", "vocab_size", "seq_len"] as const;

/** Tensors in file order: [our name or null for the legacy block, element count]. */
function fileLayout(c: ModelConfig): Array<[WeightName | null, number]> {
  const { dim: d, hiddenDim: h, layers: L, vocabSize: V, maxSeqLen: S } = c;
  const kv = kvDim(c);
  const layout: Array<[WeightName | null, number]> = [
    ["tokenEmbedding", V * d],
    ["attnNorm", L * d],
    ["wq", L * d * d],
    ["wk", L * kv * d],
    ["wv", L * kv * d],
    ["wo", L * d * d],
    ["ffnNorm", L * d],
    ["w1", L * h * d],
    ["w2", L * d * h],
    ["w3", L * h * d],
    ["finalNorm", d],
    [null, S * (headDim(c) / 2) * 2], // freq_cis_real and freq_cis_imag
  ];
  if (!c.tiedEmbeddings) layout.push(["classifier", V * d]);
  return layout;
}

/** Reads and checks the header; the config it describes must account for every byte of the file. */
export function readLlama2cConfig(bytes: Uint8Array, file = "checkpoint.bin"): ModelConfig {
  if (bytes.length < LLAMA2C_HEADER_BYTES)
    throw new ModelFileError(file, `the file has ${bytes.length} bytes, the llama2.c header alone needs ${LLAMA2C_HEADER_BYTES}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, LLAMA2C_HEADER_BYTES);
  const v = FIELDS.map((_, i) => view.getInt32(i * 4, true));
  FIELDS.forEach((name, i) => {
    const value = v[i]!;
    if (name === "vocab_size" ? value === 0 : value <= 0)
      throw new ModelFileError(file, `must be ${name === "vocab_size" ? "non-zero" : "positive"}, got ${value}`, { field: name, offset: i * 4 });
  });
  const [dim, hiddenDim, layers, heads, kvHeads, vocab, seqLen] = v as [number, number, number, number, number, number, number];
  if (dim % heads !== 0) throw new ModelFileError(file, `n_heads ${heads} does not divide dim ${dim}`, { field: "n_heads", offset: 12 });
  if (heads % kvHeads !== 0) throw new ModelFileError(file, `n_kv_heads ${kvHeads} does not divide n_heads ${heads}`, { field: "n_kv_heads", offset: 16 });
  if ((dim / heads) % 2 !== 0) throw new ModelFileError(file, `head size ${dim / heads} is odd; RoPE needs pairs`, { field: "n_heads", offset: 12 });
  const config = llamaConfig({ dim, hiddenDim, layers, heads, kvHeads, vocabSize: Math.abs(vocab), maxSeqLen: seqLen, tiedEmbeddings: vocab > 0 });
  // Float arithmetic is exact here up to 2^53; a hostile header gives a huge number, not an overflow.
  const floats = fileLayout(config).reduce((n, [, count]) => n + count, 0);
  const expected = LLAMA2C_HEADER_BYTES + 4 * floats;
  if (bytes.length !== expected) {
    const what = bytes.length < expected ? "truncated" : "longer than the header describes";
    throw new ModelFileError(file, `${what}: the header (dim ${dim}, hidden_dim ${hiddenDim}, n_layers ${layers}, n_heads ${heads}, n_kv_heads ${kvHeads}, vocab_size ${vocab}, seq_len ${seqLen}) needs ${expected} bytes, the file has ${bytes.length}`);
  }
  return config;
}

export interface LoadOptions extends TransformerOptions {
  kernels: Kernels;
  /** Name used in error messages. */
  file?: string;
  /** Refuse checkpoints whose weights + caches need more bytes than this (default: what the kernels heap can hold, 4 GiB). */
  maxMemoryBytes?: number;
}

/** Bytes of weights, KV cache and activations a config needs in the kernels heap. */
export function memoryNeeded(c: ModelConfig, prefillChunk = 64): { weights: number; kvCache: number; activations: number; total: number } {
  const P = Math.min(prefillChunk, c.maxSeqLen);
  // Every weight as stored in the heap (packed matrices' padding included; see weights.ts).
  const weights = 4 * weightElementsInHeap(c);
  const kvCache = 4 * 2 * c.layers * c.maxSeqLen * kvDim(c);
  const activations = 4 * (P * (3 * c.dim + 2 * c.hiddenDim) + c.vocabSize + c.maxSeqLen * headDim(c));
  return { weights, kvCache, activations, total: weights + kvCache + activations };
}

export function checkMemory(c: ModelConfig, options: { maxMemoryBytes?: number; prefillChunk?: number }): void {
  const limit = options.maxMemoryBytes ?? 4 * 1024 ** 3;
  const need = memoryNeeded(c, options.prefillChunk);
  if (need.total > limit)
    throw new ModelConfigError(
      "maxSeqLen",
      `the model needs ${(need.total / 2 ** 20).toFixed(1)} MiB (weights ${(need.weights / 2 ** 20).toFixed(1)}, KV cache ${(need.kvCache / 2 ** 20).toFixed(1)}) but the limit is ${(limit / 2 ** 20).toFixed(1)} MiB`,
    );
}

/** Loads a llama2.c checkpoint into the kernels heap and returns a ready Transformer. */
export function loadLlama2cCheckpoint(bytes: Uint8Array, options: LoadOptions): Transformer {
  const file = options.file ?? "checkpoint.bin";
  const config = readLlama2cConfig(bytes, file);
  checkMemory(config, options);
  // Offsets (in floats) of each of our tensors in the file.
  const offsets = new Map<WeightName, number>();
  let at = LLAMA2C_HEADER_BYTES;
  for (const [name, count] of fileLayout(config)) {
    if (name) offsets.set(name, at);
    at += 4 * count;
  }
  const { weights, owned } = allocateWeights(options.kernels, config, (spec) => {
    const start = offsets.get(spec.name)!;
    const n = elementCount(spec.shape);
    // Aligned input is viewed in place (one copy, file → heap); unaligned input is copied once first.
    if ((bytes.byteOffset + start) % 4 === 0) return new Float32Array(bytes.buffer, bytes.byteOffset + start, n);
    return new Float32Array(bytes.slice(start, start + n * 4).buffer);
  });
  return new Transformer(options.kernels, config, weights, owned, options);
}
