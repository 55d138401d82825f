// Looking inside a forward pass over a prompt: one head's attention map, and the next-token
// distribution after every prompt token (teacher-forced), through the model package.
import { type TokenProbability, type Transformer, topTokens } from "@wasmformer/model";

/**
 * Attention weights of `layer`/`head` over `ids` (positions 0..n-1): row q holds the weights of the
 * keys 0..q (the causal mask leaves nothing to the right of the diagonal).
 */
export function attentionMap(model: Transformer, ids: readonly number[], layer: number, head: number): Float32Array[] {
  const rows: Float32Array[] = [];
  model.prefill(ids, 0, {
    onAttention(l, weights, { T, kvLen, pos0 }) {
      if (l !== layer) return;
      // weights: [heads, T, kvLen]
      for (let t = 0; t < T; t++) {
        const start = (head * T + t) * kvLen;
        rows[pos0 + t] = weights.slice(start, start + pos0 + t + 1);
      }
    },
  });
  return rows;
}

/** After each of `ids`, the k most likely next tokens. */
export function nextTokens(model: Transformer, ids: readonly number[], k: number): TokenProbability[][] {
  const V = model.config.vocabSize;
  const all = model.prefill(ids, 0, { allLogits: true });
  return ids.map((_, i) => topTokens(all.subarray(i * V, (i + 1) * V), k));
}
