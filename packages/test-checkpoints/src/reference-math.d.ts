/** y = W x + b for W [out, in] (PyTorch Linear). */
export declare function linear(w: ArrayLike<number>, x: readonly number[], out: number, bias?: ArrayLike<number>): number[];
/** y = x W + b for W [in, out] (GPT-2's Conv1D). */
export declare function conv1d(w: ArrayLike<number>, x: readonly number[], out: number, bias: ArrayLike<number>): number[];
/** RMSNorm: x / sqrt(mean(x²) + eps) · g. */
export declare function rmsnorm(x: readonly number[], g: ArrayLike<number>, eps: number): number[];
/** LayerNorm: (x - mean) / sqrt(var + eps) · g + b. */
export declare function layernorm(x: readonly number[], g: ArrayLike<number>, b: ArrayLike<number>, eps: number): number[];
/** softmax(q_head · k_kvHead / √headSize) over `keys`. */
export declare function attentionWeights(q: readonly number[], keys: readonly (readonly number[])[], head: number, kvHead: number, headSize: number): number[];
/** One query position over keys/values 0..n-1, every head, grouped-query. */
export declare function attend(
  q: readonly number[],
  keys: readonly (readonly number[])[],
  values: readonly (readonly number[])[],
  heads: number,
  kvHeads: number,
  headSize: number,
): number[];
/** GPT-2's gelu_new (the tanh approximation). */
export declare function geluTanh(x: number): number;
/** SiLU: x · sigmoid(x). */
export declare function silu(x: number): number;
