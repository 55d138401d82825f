// INTERIM: a minimal llama2.c forward pass (run.c's `forward`, plus a batched prefill) over
// @wasmformer/kernels, so the demo runs end to end before @wasmformer/model is available. It is
// deliberately small — no safetensors, no GPT-2 — and is replaced by the model package when that lands.

import type { Kernels, RopeTable, Tensor } from "@wasmformer/kernels";
import { HEADER_BYTES, type Llama2cConfig, checkpointLayout } from "../logic/llama2c-format.js";

const EPS = 1e-5;
const ROPE_THETA = 10000;

export class CheckpointError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CheckpointError";
  }
}

/** Reads and validates the 7-int header against the file length before anything is allocated. */
export function readLlama2cHeader(bytes: Uint8Array, file: string): Llama2cConfig {
  if (bytes.length < HEADER_BYTES) throw new CheckpointError(`${file}: ${bytes.length} bytes is too short for the 28-byte llama2.c header`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, HEADER_BYTES);
  const names = ["dim", "hidden_dim", "n_layers", "n_heads", "n_kv_heads", "vocab_size", "seq_len"] as const;
  const v = names.map((_, i) => view.getInt32(i * 4, true));
  names.forEach((name, i) => {
    const value = v[i] as number;
    if (name === "vocab_size" ? value === 0 : value <= 0) throw new CheckpointError(`${file}: header field ${name} at offset ${i * 4} is ${value}`);
  });
  const [dim, hiddenDim, layers, heads, kvHeads, vocab, seqLen] = v as [number, number, number, number, number, number, number];
  if (dim % heads !== 0) throw new CheckpointError(`${file}: n_heads ${heads} does not divide dim ${dim}`);
  if (heads % kvHeads !== 0) throw new CheckpointError(`${file}: n_kv_heads ${kvHeads} does not divide n_heads ${heads}`);
  if ((dim / heads) % 2 !== 0) throw new CheckpointError(`${file}: head size ${dim / heads} is odd (RoPE rotates pairs)`);
  const config: Llama2cConfig = { dim, hiddenDim, layers, heads, kvHeads, vocabSize: Math.abs(vocab), seqLen, sharedClassifier: vocab > 0 };
  const floats = checkpointLayout(config).reduce((n, s) => n + s.shape.reduce((a, b) => a * b, 1), 0);
  const expected = HEADER_BYTES + 4 * floats;
  if (bytes.length !== expected)
    throw new CheckpointError(`${file}: the header describes ${expected} bytes of weights and header, the file has ${bytes.length}`);
  return config;
}

interface Weights {
  tokenEmbedding: Tensor;
  rmsAtt: Tensor;
  wq: Tensor;
  wk: Tensor;
  wv: Tensor;
  wo: Tensor;
  rmsFfn: Tensor;
  w1: Tensor;
  w2: Tensor;
  w3: Tensor;
  rmsFinal: Tensor;
  wcls: Tensor;
}

export class Llama2cRunner {
  readonly config: Llama2cConfig;
  readonly #k: Kernels;
  readonly #w: Weights;
  readonly #rope: RopeTable;
  readonly #x: Tensor;
  readonly #xb: Tensor;
  readonly #q: Tensor;
  readonly #hb: Tensor;
  readonly #hb2: Tensor;
  readonly #keys: Tensor;
  readonly #values: Tensor;
  readonly #att: Tensor;
  readonly logits: Tensor;
  readonly #owned: Tensor[] = [];

  constructor(kernels: Kernels, bytes: Uint8Array, file: string) {
    const c = readLlama2cHeader(bytes, file);
    this.config = c;
    this.#k = kernels;
    const start = bytes.byteOffset + HEADER_BYTES;
    const count = (bytes.length - HEADER_BYTES) / 4;
    const floats = start % 4 === 0 ? new Float32Array(bytes.buffer, start, count) : new Float32Array(bytes.slice(HEADER_BYTES).buffer);
    const tensors = new Map<string, Tensor>();
    let offset = 0;
    for (const slot of checkpointLayout(c)) {
      const n = slot.shape.reduce((a, b) => a * b, 1);
      if (slot.kind !== "legacy") tensors.set(slot.name, this.#own(kernels.tensor(floats.subarray(offset, offset + n))));
      offset += n;
    }
    const get = (name: string): Tensor => tensors.get(name) as Tensor;
    this.#w = {
      tokenEmbedding: get("token_embedding"),
      rmsAtt: get("rms_att"),
      wq: get("wq"),
      wk: get("wk"),
      wv: get("wv"),
      wo: get("wo"),
      rmsFfn: get("rms_ffn"),
      w1: get("w1"),
      w2: get("w2"),
      w3: get("w3"),
      rmsFinal: get("rms_final"),
      wcls: c.sharedClassifier ? get("token_embedding") : get("wcls"),
    };
    const kvDim = (c.dim * c.kvHeads) / c.heads;
    this.#rope = kernels.ropeTable(c.seqLen, c.dim / c.heads, ROPE_THETA);
    this.#x = this.#own(kernels.alloc(c.dim));
    this.#xb = this.#own(kernels.alloc(c.dim));
    this.#q = this.#own(kernels.alloc(c.dim));
    this.#hb = this.#own(kernels.alloc(c.hiddenDim));
    this.#hb2 = this.#own(kernels.alloc(c.hiddenDim));
    this.#keys = this.#own(kernels.alloc(c.layers * c.seqLen * kvDim));
    this.#values = this.#own(kernels.alloc(c.layers * c.seqLen * kvDim));
    this.#att = this.#own(kernels.alloc(c.heads * c.seqLen));
    this.logits = this.#own(kernels.alloc(c.vocabSize));
  }

  #own(t: Tensor): Tensor {
    this.#owned.push(t);
    return t;
  }

  /**
   * Runs `token` at position `pos` (keys and values of positions < pos must be in the cache) and leaves
   * the next-token logits in `logits`. With `onAttention`, each layer's weights [heads, pos + 1] are
   * passed out.
   */
  forward(token: number, pos: number, onAttention?: (layer: number, weights: Float32Array) => void): void {
    const c = this.config;
    const k = this.#k;
    const w = this.#w;
    if (!Number.isInteger(token) || token < 0 || token >= c.vocabSize) throw new RangeError(`token id ${token} outside 0..${c.vocabSize - 1}`);
    if (pos < 0 || pos >= c.seqLen) throw new RangeError(`position ${pos} is past the context of ${c.seqLen} tokens`);
    const { dim, hiddenDim: hidden, heads, kvHeads, seqLen } = c;
    const kvDim = (dim * kvHeads) / heads;
    const headDim = dim / heads;
    k.embedding(this.#x, w.tokenEmbedding, [token], dim);
    for (let l = 0; l < c.layers; l++) {
      const cache = (l * seqLen + pos) * kvDim;
      k.rmsnorm(this.#xb, this.#x, w.rmsAtt, 1, dim, EPS, 0, 0, l * dim);
      k.matmul({ y: this.#q, x: this.#xb, w: w.wq, M: 1, K: dim, N: dim, wOffset: l * dim * dim });
      k.matmul({ y: this.#keys, x: this.#xb, w: w.wk, M: 1, K: dim, N: kvDim, yOffset: cache, wOffset: l * kvDim * dim });
      k.matmul({ y: this.#values, x: this.#xb, w: w.wv, M: 1, K: dim, N: kvDim, yOffset: cache, wOffset: l * kvDim * dim });
      k.rope(this.#q, this.#rope, 1, heads, pos, "interleaved");
      k.rope(this.#keys, this.#rope, 1, kvHeads, pos, "interleaved", cache);
      k.attention({
        out: this.#xb,
        q: this.#q,
        k: this.#keys,
        v: this.#values,
        T: 1,
        heads,
        kvHeads,
        headDim,
        kvLen: pos + 1,
        pos0: pos,
        kOffset: l * seqLen * kvDim,
        vOffset: l * seqLen * kvDim,
        ...(onAttention ? { weightsOut: this.#att } : {}),
      });
      if (onAttention) onAttention(l, this.#att.toArray(0, heads * (pos + 1)));
      k.matmul({ y: this.#x, x: this.#xb, w: w.wo, M: 1, K: dim, N: dim, wOffset: l * dim * dim, accumulate: true });
      k.rmsnorm(this.#xb, this.#x, w.rmsFfn, 1, dim, EPS, 0, 0, l * dim);
      k.matmul({ y: this.#hb, x: this.#xb, w: w.w1, M: 1, K: dim, N: hidden, wOffset: l * hidden * dim });
      k.matmul({ y: this.#hb2, x: this.#xb, w: w.w3, M: 1, K: dim, N: hidden, wOffset: l * hidden * dim });
      k.swiglu(this.#hb, this.#hb, this.#hb2, hidden);
      k.matmul({ y: this.#x, x: this.#hb, w: w.w2, M: 1, K: hidden, N: dim, wOffset: l * dim * hidden, accumulate: true });
    }
    k.rmsnorm(this.#x, this.#x, w.rmsFinal, 1, dim, EPS);
    k.matmul({ y: this.logits, x: this.#x, w: w.wcls, M: 1, K: dim, N: c.vocabSize });
  }

  /**
   * Runs `tokens` at positions 0..T-1 in one pass (GEMM over the prompt rows, causal attention over
   * the prompt) and leaves the last position's logits in `logits` — the same result as calling
   * forward() for each token in turn. With `onAttention`, each layer's weights [heads, T, T] are passed out.
   */
  prefill(tokens: readonly number[], onAttention?: (layer: number, weights: Float32Array) => void): void {
    const c = this.config;
    const T = tokens.length;
    if (T === 0) throw new RangeError("prefill needs at least one token");
    if (T > c.seqLen) throw new RangeError(`${T} tokens do not fit the context of ${c.seqLen}`);
    const k = this.#k;
    const w = this.#w;
    const { dim, hiddenDim: hidden, heads, kvHeads, seqLen } = c;
    const kvDim = (dim * kvHeads) / heads;
    const scratch = [k.alloc(T * dim), k.alloc(T * dim), k.alloc(T * dim), k.alloc(T * hidden), k.alloc(T * hidden)] as const;
    const att = onAttention ? k.alloc(heads * T * T) : undefined;
    const [x, xb, q, hb, hb2] = scratch;
    try {
      k.embedding(x, w.tokenEmbedding, tokens, dim);
      for (let l = 0; l < c.layers; l++) {
        const cache = l * seqLen * kvDim;
        k.rmsnorm(xb, x, w.rmsAtt, T, dim, EPS, 0, 0, l * dim);
        k.matmul({ y: q, x: xb, w: w.wq, M: T, K: dim, N: dim, wOffset: l * dim * dim });
        k.matmul({ y: this.#keys, x: xb, w: w.wk, M: T, K: dim, N: kvDim, yOffset: cache, wOffset: l * kvDim * dim });
        k.matmul({ y: this.#values, x: xb, w: w.wv, M: T, K: dim, N: kvDim, yOffset: cache, wOffset: l * kvDim * dim });
        k.rope(q, this.#rope, T, heads, 0, "interleaved");
        k.rope(this.#keys, this.#rope, T, kvHeads, 0, "interleaved", cache);
        k.attention({
          out: xb,
          q,
          k: this.#keys,
          v: this.#values,
          T,
          heads,
          kvHeads,
          headDim: dim / heads,
          kvLen: T,
          pos0: 0,
          kOffset: cache,
          vOffset: cache,
          ...(att ? { weightsOut: att } : {}),
        });
        if (att && onAttention) onAttention(l, att.toArray(0, heads * T * T));
        k.matmul({ y: x, x: xb, w: w.wo, M: T, K: dim, N: dim, wOffset: l * dim * dim, accumulate: true });
        k.rmsnorm(xb, x, w.rmsFfn, T, dim, EPS, 0, 0, l * dim);
        k.matmul({ y: hb, x: xb, w: w.w1, M: T, K: dim, N: hidden, wOffset: l * hidden * dim });
        k.matmul({ y: hb2, x: xb, w: w.w3, M: T, K: dim, N: hidden, wOffset: l * hidden * dim });
        k.swiglu(hb, hb, hb2, T * hidden);
        k.matmul({ y: x, x: hb, w: w.w2, M: T, K: hidden, N: dim, wOffset: l * dim * hidden, accumulate: true });
      }
      k.rmsnorm(this.#x, x, w.rmsFinal, 1, dim, EPS, 0, (T - 1) * dim);
      k.matmul({ y: this.logits, x: this.#x, w: w.wcls, M: 1, K: dim, N: c.vocabSize });
    } finally {
      for (const t of scratch) k.free(t);
      if (att) k.free(att);
    }
  }

  dispose(): void {
    for (const t of this.#owned.splice(0)) this.#k.free(t);
    this.#k.free(this.#rope.cos);
    this.#k.free(this.#rope.sin);
  }
}
