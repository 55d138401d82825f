import type { TensorSpec } from "./tensor-specs.js";

export interface HfGpt2Shape {
  dim: number;
  /** The MLP width; when absent, 4·dim and config.json says n_inner: null. */
  inner?: number;
  layers: number;
  heads: number;
  vocab: number;
  /** n_positions (rows of wpe). */
  positions: number;
}

export interface HfGpt2Config {
  model_type: "gpt2";
  n_embd: number;
  n_inner: number | null;
  n_layer: number;
  n_head: number;
  vocab_size: number;
  n_positions: number;
  [field: string]: unknown;
}

/** GPT-2's tensors (wte, wpe, per layer: ln_1, c_attn, c_proj, ln_2, c_fc, mlp c_proj; ln_f), names prefixed. */
export declare function hfGpt2TensorSpecs(s: HfGpt2Shape, prefix?: string): TensorSpec[];
/** config.json's fields for this shape, then `extra` (e.g. layer_norm_epsilon, architectures). */
export declare function hfGpt2Config(s: HfGpt2Shape, extra?: Record<string, unknown>): HfGpt2Config;
