// What the worker needs from a loaded model (implemented over @wasmformer/model in model-adapter.ts).

import type { Tokenizer } from "@wasmformer/tokenizer";
import type { Candidate, ModelConfigView, ParamRow, SamplingSettings } from "../protocol.js";

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
  readonly config: ModelConfigView;
  readonly params: { rows: ParamRow[]; totalByFormula: number; totalActual: number };
  readonly tokenizer: Tokenizer;
  generate(prompt: string, settings: SamplingSettings, topCount: number, signal: AbortSignal, onStep: (step: StepReport) => void): Promise<GenerationReport>;
  attention(prompt: string): AttentionMaps;
  dispose(): void;
}
