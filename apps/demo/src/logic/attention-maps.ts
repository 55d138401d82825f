// The attention explorer's weights: [layers, heads, T, T] (row = query, column = key), assembled from
// what @wasmformer/model's prefill reports per layer and per prefill chunk: [heads, Tc, kvLen] for the
// query positions pos0..pos0+Tc-1 over the keys 0..kvLen-1 (kvLen = pos0 + Tc).

export interface AttentionShape {
  layers: number;
  heads: number;
  /** Tokens in the whole prompt. */
  T: number;
}

export interface AttentionChunk {
  /** Query rows in this chunk. */
  T: number;
  /** Keys each row covers (pos0 + T). */
  kvLen: number;
  /** Position of the chunk's first query row. */
  pos0: number;
}

/** Copies one layer's chunk of weights into `out` (length layers·heads·T·T); keys past kvLen stay as they are (0). */
export function placeAttentionChunk(out: Float32Array, shape: AttentionShape, layer: number, weights: Float32Array, chunk: AttentionChunk): void {
  const { layers, heads, T } = shape;
  if (out.length !== layers * heads * T * T) throw new RangeError(`attention maps: out has ${out.length} values, expected ${layers * heads * T * T}`);
  if (layer < 0 || layer >= layers) throw new RangeError(`attention maps: layer ${layer} outside 0..${layers - 1}`);
  if (chunk.kvLen > T || chunk.pos0 + chunk.T > T) throw new RangeError(`attention maps: chunk at ${chunk.pos0} (${chunk.T} rows, ${chunk.kvLen} keys) exceeds ${T} tokens`);
  if (weights.length < heads * chunk.T * chunk.kvLen) throw new RangeError(`attention maps: ${weights.length} weights for ${heads} heads × ${chunk.T} rows × ${chunk.kvLen} keys`);
  for (let h = 0; h < heads; h++)
    for (let r = 0; r < chunk.T; r++) {
      const from = (h * chunk.T + r) * chunk.kvLen;
      const to = ((layer * heads + h) * T + chunk.pos0 + r) * T;
      out.set(weights.subarray(from, from + chunk.kvLen), to);
    }
}
