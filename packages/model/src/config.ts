// The one configuration that covers both families with a single block implementation:
//   Llama 2 style: RMSNorm, RoPE, grouped-query attention, SwiGLU, no biases, tied or untied classifier.
//   GPT-2 style:   LayerNorm with bias, learned absolute positions, GELU MLP, biases, tied classifier.

import { ModelConfigError } from "./errors.js";

export type NormKind = "rms" | "layer";
export type PositionKind = "rope" | "learned" | "sinusoidal" | "alibi";
export type FfnKind = "swiglu" | "gelu";

export interface ModelConfig {
  /** Model width d. */
  dim: number;
  /** FFN inner width d_ff. */
  hiddenDim: number;
  layers: number;
  heads: number;
  /** Key/value heads (grouped-query attention when < heads). */
  kvHeads: number;
  vocabSize: number;
  /** Context window: positions 0..maxSeqLen-1. */
  maxSeqLen: number;
  norm: NormKind;
  normEps: number;
  positions: PositionKind;
  /** RoPE base frequency (positions "rope"). */
  ropeTheta: number;
  /** "interleaved": adjacent pairs (llama2.c, Meta); "half": rotate-half (Hugging Face). */
  ropeStyle: "interleaved" | "half";
  ffn: FfnKind;
  /** Linear layers carry biases (GPT-2). */
  bias: boolean;
  /** The classifier reuses the token embedding. */
  tiedEmbeddings: boolean;
}

export const headDim = (c: ModelConfig): number => c.dim / c.heads;
export const kvDim = (c: ModelConfig): number => (c.dim / c.heads) * c.kvHeads;

/** Llama-2-style defaults (llama2.c's run.c: eps 1e-5, theta 10000, interleaved pairs). */
export function llamaConfig(c: Pick<ModelConfig, "dim" | "hiddenDim" | "layers" | "heads" | "kvHeads" | "vocabSize" | "maxSeqLen"> & Partial<ModelConfig>): ModelConfig {
  return { norm: "rms", normEps: 1e-5, positions: "rope", ropeTheta: 10000, ropeStyle: "interleaved", ffn: "swiglu", bias: false, tiedEmbeddings: true, ...c };
}

/** GPT-2-style defaults. */
export function gpt2Config(c: Pick<ModelConfig, "dim" | "layers" | "heads" | "vocabSize" | "maxSeqLen"> & Partial<ModelConfig>): ModelConfig {
  return {
    hiddenDim: 4 * c.dim,
    kvHeads: c.heads,
    norm: "layer",
    normEps: 1e-5,
    positions: "learned",
    ropeTheta: 10000,
    ropeStyle: "half",
    ffn: "gelu",
    bias: true,
    tiedEmbeddings: true,
    ...c,
  };
}

const POSITIVE_INTS = ["dim", "hiddenDim", "layers", "heads", "kvHeads", "vocabSize", "maxSeqLen"] as const;

/** Throws ModelConfigError naming the first field that makes the config unusable. */
export function validateConfig(c: ModelConfig): ModelConfig {
  for (const f of POSITIVE_INTS)
    if (!Number.isInteger(c[f]) || c[f] <= 0) throw new ModelConfigError(f, `must be a positive integer, got ${c[f]}`);
  if (c.dim % c.heads !== 0) throw new ModelConfigError("heads", `${c.heads} does not divide dim ${c.dim}`);
  if (c.heads % c.kvHeads !== 0) throw new ModelConfigError("kvHeads", `${c.kvHeads} does not divide heads ${c.heads}`);
  if (c.positions === "rope" && headDim(c) % 2 !== 0) throw new ModelConfigError("heads", `head size ${headDim(c)} is odd; RoPE rotates pairs`);
  if (!(c.normEps > 0)) throw new ModelConfigError("normEps", `must be > 0, got ${c.normEps}`);
  if (!["rms", "layer"].includes(c.norm)) throw new ModelConfigError("norm", `must be "rms" or "layer", got ${String(c.norm)}`);
  if (!["rope", "learned", "sinusoidal", "alibi"].includes(c.positions))
    throw new ModelConfigError("positions", `must be rope | learned | sinusoidal | alibi, got ${String(c.positions)}`);
  if (!["swiglu", "gelu"].includes(c.ffn)) throw new ModelConfigError("ffn", `must be "swiglu" or "gelu", got ${String(c.ffn)}`);
  if (c.positions === "rope" && !(c.ropeTheta > 0)) throw new ModelConfigError("ropeTheta", `must be > 0, got ${c.ropeTheta}`);
  return c;
}
