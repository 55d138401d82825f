// What the worker needs from a loaded model (implemented over @wasmformer/model in model-adapter.ts),
// and the checkpoint files it is built from.

import type { Tokenizer } from "@wasmformer/tokenizer";
import type { Candidate, CheckpointFormat, ModelConfigView, ParamRow, SamplingSettings } from "../protocol.js";

/** The weights of a model, in one of the two formats the page reads. */
export type CheckpointFiles =
  | { format: "llama2c"; name: string; checkpoint: Uint8Array }
  | { format: "huggingface"; name: string; config: string; safetensors: Uint8Array };

export interface StepReport {
  id: number;
  text: string;
  prob: number;
  top: Candidate[];
}

export interface GenerationReport {
  ids: number[];
  text: string;
  promptTokens: number;
  stopReason: "eos" | "max-tokens" | "context-full" | "aborted";
  prefillMs: number;
  decodeMs: number;
}

export interface AttentionMaps {
  ids: number[];
  layers: number;
  heads: number;
  T: number;
  weights: Float32Array;
}

export interface LoadedModel {
  readonly format: CheckpointFormat;
  readonly config: ModelConfigView;
  readonly params: { rows: ParamRow[]; totalByFormula: number; totalActual: number };
  readonly tokenizer: Tokenizer;
  generate(prompt: string, settings: SamplingSettings, topCount: number, signal: AbortSignal, onStep: (step: StepReport) => void): Promise<GenerationReport>;
  attention(prompt: string): AttentionMaps;
  dispose(): void;
}
