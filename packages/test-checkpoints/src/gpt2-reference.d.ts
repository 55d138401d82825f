export interface Gpt2ReferenceShape {
  dim: number;
  /** The MLP width (4·dim when config.json's n_inner is null). */
  inner: number;
  layers: number;
  heads: number;
  vocab: number;
  /** layer_norm_epsilon. */
  eps: number;
}

/** HF GPT2LMHeadModel logits [tokens.length][vocab] in float64; tensor names are `prefix` (default "") + GPT-2's. */
export declare function gpt2Reference(
  tensors: ReadonlyMap<string, { readonly data: ArrayLike<number> }>,
  s: Gpt2ReferenceShape,
  tokens: readonly number[],
  prefix?: string,
): number[][];
