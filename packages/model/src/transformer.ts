// The decoder-only transformer: one block implementation for Llama-2 and GPT-2 style configs.
//
//   run(tokens[T], pos0):                                     (forward = run with T = 1: GEMV path)
//     x = embed(tokens) (+ position table)                    x  [T, dim]
//     for each layer l:
//       xb = norm(x)                                          xb [T, dim]
//       q = xb·Wqᵀ; k,v = xb·Wk,vᵀ → KV cache rows pos0..     q  [T, dim]; cache [L, S, kvDim]
//       rope(q, k) (if positions "rope")
//       xb = attention(q, cache, causal from pos0)            xb [T, dim]
//       x += xb·Woᵀ
//       xb = norm(x); x += W2·ffn(W1·xb, W3·xb)               hb, hb2 [T, hidden]
//     logits = classifier(norm(x[T-1]))                       logits [vocab]
//
// Every buffer is allocated once, when the model is built; the forward pass allocates nothing and
// copies no weights. Linear weights are per-layer packed matrices (weights.ts). Long prompts run in
// chunks of `prefillChunk` positions (batched GEMM).

import type { Kernels, RopeTable, Tensor, WeightsFrom } from "@wasmformer/kernels";
import { type ModelConfig, headDim, kvDim, validateConfig } from "./config.js";
import { ModelInputError } from "./errors.js";
import { alibiSlopes, sinusoidalTable } from "./positions.js";
import { type HeapObject, type Weights, weightElementsInHeap } from "./weights.js";

export interface TransformerOptions {
  /** Positions processed per batched step in prefill (default min(64, maxSeqLen)). */
  prefillChunk?: number;
  /**
   * Where decode's matmuls expect their weights to come from (the kernels' MatmulArgs.weightsFrom:
   * two streams from memory, one from cache). Default: "memory" when the weights take at least
   * 20 MiB — too many to stay cached between tokens, since each token reads all of them — else "cache".
   */
  weightsFrom?: WeightsFrom;
}

/** Weights of at least this many bytes are read from memory at each decode step (see weightsFrom). */
const WEIGHTS_FROM_MEMORY_BYTES = 20 << 20;

/** Receives one layer's attention weights [heads, T, kvLen] for the positions pos0..pos0+T-1. */
export type AttentionObserver = (layer: number, weights: Float32Array, info: { T: number; kvLen: number; pos0: number }) => void;

export interface PrefillOptions {
  /** Keep the logits of every position, [T, vocab], not only the last. */
  allLogits?: boolean;
  /** Capture attention weights (slower path: the kernels write the weights out). */
  onAttention?: AttentionObserver;
}

/** Activations, with their shapes (P = prefill chunk, S = maxSeqLen). */
interface RunState {
  x: Tensor; //          [P, dim]        residual stream
  xb: Tensor; //         [P, dim]        normed input / attention output
  q: Tensor; //          [P, dim]        queries
  hb: Tensor; //         [P, hidden]     FFN gate (or fc) activations
  hb2: Tensor; //        [P, hidden]     FFN up activations (SwiGLU)
  keyCache: Tensor; //   [L, S, kvDim]
  valueCache: Tensor; // [L, S, kvDim]
  logits: Tensor; //     [vocab]         next-token logits of the last position run
  attention?: Tensor; // [heads, P, S]   attention weights, allocated on first capture
}

export class Transformer {
  readonly config: ModelConfig;
  readonly kernels: Kernels;
  readonly weights: Weights;
  readonly prefillChunk: number;
  /** Where decode's matmuls read the weights from (TransformerOptions.weightsFrom). */
  readonly weightsFrom: WeightsFrom;
  readonly #state: RunState;
  readonly #rope: RopeTable | undefined;
  readonly #positionTable: Tensor | undefined; // [S, dim] learned or sinusoidal
  readonly #alibi: Tensor | undefined; //         [heads]
  readonly #owned: HeapObject[];
  readonly #oneToken = [0];
  #disposed = false;

  /** Builds the run state around weights already in the heap (see loaders). Takes ownership of `owned`. */
  constructor(kernels: Kernels, config: ModelConfig, weights: Weights, owned: HeapObject[], options: TransformerOptions = {}) {
    validateConfig(config);
    this.config = config;
    this.kernels = kernels;
    this.weights = weights;
    this.#owned = owned;
    const P = Math.max(1, Math.min(options.prefillChunk ?? 64, config.maxSeqLen));
    this.prefillChunk = P;
    const from: unknown = options.weightsFrom;
    if (from !== undefined && from !== "cache" && from !== "memory")
      throw new TypeError(`Transformer: options.weightsFrom must be "cache" or "memory", got ${JSON.stringify(from)}`);
    this.weightsFrom = options.weightsFrom ?? (weightElementsInHeap(config) * 4 >= WEIGHTS_FROM_MEMORY_BYTES ? "memory" : "cache");
    const alloc = (n: number): Tensor => {
      const t = kernels.alloc(n);
      owned.push(t);
      return t;
    };
    const { dim, hiddenDim, layers, maxSeqLen: S, vocabSize } = config;
    this.#state = {
      x: alloc(P * dim),
      xb: alloc(P * dim),
      q: alloc(P * dim),
      hb: alloc(P * hiddenDim),
      hb2: alloc(config.ffn === "swiglu" ? P * hiddenDim : 1),
      keyCache: alloc(layers * S * kvDim(config)),
      valueCache: alloc(layers * S * kvDim(config)),
      logits: alloc(vocabSize),
    };
    if (config.positions === "rope") {
      this.#rope = kernels.ropeTable(S, headDim(config), config.ropeTheta);
      owned.push(this.#rope.cos, this.#rope.sin);
    }
    if (config.positions === "learned") this.#positionTable = weights.positionEmbedding;
    if (config.positions === "sinusoidal") {
      this.#positionTable = kernels.tensor(sinusoidalTable(S, dim));
      owned.push(this.#positionTable);
    }
    if (config.positions === "alibi") {
      this.#alibi = kernels.tensor(alibiSlopes(config.heads));
      owned.push(this.#alibi);
    }
  }

  /** The logits left by the last forward/prefill ([vocab]; a view, valid until the next call). */
  get logits(): Float32Array {
    return this.#state.logits.view().subarray(0, this.config.vocabSize);
  }

  /** Runs one token at position `pos` (positions < pos must be in the KV cache); returns the logits view. */
  forward(token: number, pos: number): Float32Array {
    this.#oneToken[0] = token;
    this.#checkInput(this.#oneToken, pos);
    this.#run(this.#oneToken, 0, 1, pos, undefined);
    return this.logits;
  }

  /**
   * Runs a prompt at positions pos0.. in batched chunks; returns the last position's logits (a view),
   * or, with `allLogits`, a new [T, vocab] array.
   */
  prefill(tokens: ArrayLike<number>, pos0 = 0, options: PrefillOptions = {}): Float32Array {
    this.#checkInput(tokens, pos0);
    const T = tokens.length;
    const V = this.config.vocabSize;
    const all = options.allLogits ? new Float32Array(T * V) : undefined;
    if (T === 0) throw new ModelInputError("prefill: no tokens");
    // With allLogits every position needs its own classifier pass: run one position at a time.
    const chunk = all ? 1 : this.prefillChunk;
    for (let start = 0; start < T; start += chunk) {
      const n = Math.min(chunk, T - start);
      this.#run(tokens, start, n, pos0 + start, options.onAttention);
      all?.set(this.logits, start * V);
    }
    return all ?? this.logits;
  }

  #checkInput(tokens: ArrayLike<number>, pos0: number): void {
    if (this.#disposed) throw new Error("Transformer: used after dispose()");
    const { vocabSize, maxSeqLen } = this.config;
    if (!Number.isInteger(pos0) || pos0 < 0) throw new ModelInputError(`position ${pos0} must be a non-negative integer`);
    if (pos0 + tokens.length > maxSeqLen)
      throw new ModelInputError(`positions ${pos0}..${pos0 + tokens.length - 1} exceed the context window of ${maxSeqLen} (maxSeqLen)`);
    for (let i = 0; i < tokens.length; i++) {
      const id = tokens[i]!;
      if (!Number.isInteger(id) || id < 0 || id >= vocabSize)
        throw new ModelInputError(`token ${i} is ${id}, outside the vocabulary 0..${vocabSize - 1}`);
    }
  }

  #norm(out: Tensor, x: Tensor, w: Tensor, b: Tensor | undefined, rows: number, xOffset: number, wOffset: number): void {
    const { dim, normEps } = this.config;
    if (this.config.norm === "rms") this.kernels.rmsnorm(out, x, w, rows, dim, normEps, 0, xOffset, wOffset);
    else this.kernels.layernorm(out, x, w, b!, rows, dim, normEps, 0, xOffset, wOffset, wOffset);
  }

  /** tokens[from..from+T) at positions pos0..pos0+T-1. The attention forward is here. */
  #run(tokens: ArrayLike<number>, from: number, T: number, pos0: number, onAttention: AttentionObserver | undefined): void {
    const k = this.kernels;
    const c = this.config;
    const w = this.weights;
    const s = this.#state;
    const { dim, hiddenDim: hidden, heads, kvHeads, maxSeqLen: S, layers } = c;
    const kv = kvDim(c);
    const hd = headDim(c);
    const weightsFrom = this.weightsFrom;
    const ids = from === 0 && T === tokens.length ? tokens : Array.prototype.slice.call(tokens, from, from + T);
    k.embedding(s.x, w.tokenEmbedding, ids, dim);
    if (this.#positionTable) k.add(s.x, s.x, this.#positionTable, T * dim, 0, 0, pos0 * dim);
    const weightsOut = onAttention ? (s.attention ??= this.#allocAttention()) : undefined;

    for (let l = 0; l < layers; l++) {
      const cacheLayer = l * S * kv; //      start of layer l in the KV cache
      const cacheRow = cacheLayer + pos0 * kv; // row of position pos0
      // Attention block.
      this.#norm(s.xb, s.x, w.attnNorm, w.attnNormBias, T, 0, l * dim);
      k.matmul({ y: s.q, x: s.xb, w: w.wq[l]!, M: T, K: dim, N: dim, weightsFrom, ...bias(w.bq, l * dim) });
      k.matmul({ y: s.keyCache, x: s.xb, w: w.wk[l]!, M: T, K: dim, N: kv, yOffset: cacheRow, weightsFrom, ...bias(w.bk, l * kv) });
      k.matmul({ y: s.valueCache, x: s.xb, w: w.wv[l]!, M: T, K: dim, N: kv, yOffset: cacheRow, weightsFrom, ...bias(w.bv, l * kv) });
      if (this.#rope) {
        k.rope(s.q, this.#rope, T, heads, pos0, c.ropeStyle);
        k.rope(s.keyCache, this.#rope, T, kvHeads, pos0, c.ropeStyle, cacheRow);
      }
      k.attention({
        out: s.xb,
        q: s.q,
        k: s.keyCache,
        v: s.valueCache,
        T,
        heads,
        kvHeads,
        headDim: hd,
        kvLen: pos0 + T,
        pos0,
        kOffset: cacheLayer,
        vOffset: cacheLayer,
        ...(this.#alibi ? { alibiSlopes: this.#alibi } : {}),
        ...(weightsOut ? { weightsOut } : {}),
      });
      if (onAttention && weightsOut) onAttention(l, weightsOut.toArray(0, heads * T * (pos0 + T)), { T, kvLen: pos0 + T, pos0 });
      k.matmul({ y: s.x, x: s.xb, w: w.wo[l]!, M: T, K: dim, N: dim, accumulate: true, weightsFrom, ...bias(w.bo, l * dim) });

      // Feed-forward block.
      this.#norm(s.xb, s.x, w.ffnNorm, w.ffnNormBias, T, 0, l * dim);
      k.matmul({ y: s.hb, x: s.xb, w: w.w1[l]!, M: T, K: dim, N: hidden, weightsFrom, ...bias(w.b1, l * hidden) });
      if (c.ffn === "swiglu") {
        k.matmul({ y: s.hb2, x: s.xb, w: w.w3![l]!, M: T, K: dim, N: hidden, weightsFrom });
        k.swiglu(s.hb, s.hb, s.hb2, T * hidden);
      } else k.gelu(s.hb, s.hb, T * hidden);
      k.matmul({ y: s.x, x: s.hb, w: w.w2[l]!, M: T, K: hidden, N: dim, accumulate: true, weightsFrom, ...bias(w.b2, l * dim) });
    }
    // Only the last position goes through the final norm and the classifier.
    this.#norm(s.xb, s.x, w.finalNorm, w.finalNormBias, 1, (T - 1) * dim, 0);
    k.matmul({ y: s.logits, x: s.xb, w: w.classifier, M: 1, K: dim, N: c.vocabSize, weightsFrom });
  }

  #allocAttention(): Tensor {
    const t = this.kernels.alloc(this.config.heads * this.prefillChunk * this.config.maxSeqLen);
    this.#owned.push(t);
    return t;
  }

  /** Frees every tensor of this model (weights, caches, activations). */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    for (const t of this.#owned.splice(0)) this.kernels.free(t);
  }
}

function bias(t: Tensor | undefined, offset: number): { bias?: Tensor; biasOffset?: number } {
  return t ? { bias: t, biasOffset: offset } : {};
}
