// What the CLI needs from a loaded checkpoint. src/model/open.ts implements it over
// @wasmformer/model; commands depend only on this view.

export interface SamplerSettings {
  kind: "default" | "llama2c";
  temperature: number;
  topP: number;
  topK: number;
  seed: number;
}

export interface Sampler {
  /** The next id from the logits of the last position. */
  sample(logits: Float32Array): number;
}

export interface ParamRow {
  component: string;
  /** The formula in words, e.g. "vocab·dim". */
  formula: string;
  byFormula: number;
  actual: number;
}

export interface LoadedCheckpoint {
  readonly path: string;
  readonly format: string;
  readonly vocabSize: number;
  /** Positions the model can attend over (llama2.c's seq_len). */
  readonly contextLength: number;
  /** Config fields for display, in the model's own names. */
  readonly config: Readonly<Record<string, string | number | boolean>>;
  /** Feed the prompt (positions 0..n-1); returns the logits after its last token. */
  prefill(tokens: readonly number[]): Float32Array;
  /** Feed one token at `pos`; returns the logits for the next one. */
  forward(token: number, pos: number): Float32Array;
  sampler(settings: SamplerSettings): Sampler;
  /** Parameter counts per component, by formula and by the tensors actually loaded. */
  parameters(): ParamRow[];
  /** Bytes held: weights, KV cache, activations. */
  memory(): { label: string; bytes: number }[];
  /** Attention weights of one layer/head over a prompt: row q holds weights for keys 0..q. */
  attention(tokens: readonly number[], layer: number, head: number): Float32Array[];
  /** Teacher-forced over the tokens: after each one, the k most likely next ids with probabilities. */
  topK(tokens: readonly number[], k: number): { id: number; prob: number }[][];
  readonly layers: number;
  readonly heads: number;
  dispose(): void;
}
