import type { TensorSpec } from "./tensor-specs.js";

/** A Llama-2 model's dimensions, as a llama2.c header and an HF config both give them. */
export interface LlamaDimensions {
  dim: number;
  /** The FFN width (hidden_dim / intermediate_size). */
  hidden: number;
  layers: number;
  heads: number;
  kvHeads: number;
  vocab: number;
  /** The context (seq_len / max_position_embeddings). */
  seqLen: number;
}

export interface HfLlamaShape extends LlamaDimensions {
  /** rope_theta. */
  theta: number;
  /** rms_norm_eps. */
  eps: number;
  /** tie_word_embeddings: no lm_head.weight. */
  tied: boolean;
}

export interface HfLlamaConfig {
  model_type: "llama";
  hidden_size: number;
  intermediate_size: number;
  num_hidden_layers: number;
  num_attention_heads: number;
  num_key_value_heads: number;
  vocab_size: number;
  max_position_embeddings: number;
  rms_norm_eps: number;
  rope_theta: number;
  tie_word_embeddings: boolean;
  [field: string]: unknown;
}

/** LlamaForCausalLM's tensors (embed, per layer: norms, q/k/v/o, gate/up/down; final norm; lm_head unless tied). */
export declare function hfLlamaTensorSpecs(s: HfLlamaShape): TensorSpec[];
/** config.json's fields for this shape, then `extra`. */
export declare function hfLlamaConfig(s: HfLlamaShape, extra?: Record<string, unknown>): HfLlamaConfig;
