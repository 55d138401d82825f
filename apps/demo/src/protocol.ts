// The messages between the page (main thread) and the worker that owns the tokenizers, the model
// and the kernels. Everything here is plain structured-clone data; big arrays travel as transferables.
//
// page → worker: { id, type, ...request }            (one request per id)
// worker → page: { id, kind: "event", event }         (zero or more, e.g. generated tokens, progress)
//                { id, kind: "result", result }       (exactly one of result / error ends the request)
//                { id, kind: "error", error }

/** Which tokenizer a tokenize request uses. */
export type TokenizerRef =
  | { kind: "tiktoken"; name: TiktokenName }
  /** The tokenizer paired with the loaded model. */
  | { kind: "model" }
  /** A tokenizer file the user loaded earlier (see loadTokenizerFile). */
  | { kind: "file"; key: string };

export const TIKTOKEN_NAMES = ["r50k_base", "p50k_base", "cl100k_base", "o200k_base"] as const;
export type TiktokenName = (typeof TIKTOKEN_NAMES)[number];

export interface Token {
  id: number;
  /** Printable vocabulary entry ("Ġworld", "▁the", "<0x0A>"). */
  piece: string;
  /** [start, end) in UTF-16 code units of the input. */
  start: number;
  end: number;
  byteStart: number;
  byteEnd: number;
}

export interface TokenizeResult {
  tokenizer: string;
  tokens: Token[];
  chars: number;
  bytes: number;
  ms: number;
}

export interface RuntimeInfo {
  /** e.g. "wasm relaxed-simd", "js". */
  backend: string;
  variant: string;
  threads: number;
  /** Why the kernels picked this variant / thread count. */
  reason: string;
  crossOriginIsolated: boolean;
}

/** Which kernels the worker runs: "auto" lets @wasmformer/kernels pick by feature detection. */
export interface KernelChoice {
  backend: "auto" | "wasm-relaxed-simd" | "wasm-simd" | "js";
  /** Worker threads; "auto" = up to 4 when the page is cross-origin isolated, else 1. */
  threads: number | "auto";
}

export interface ModelConfigView {
  /** Which block: "rms" + "rope" + "swiglu" for Llama 2, "layer" + "learned" + "gelu" for GPT-2. */
  norm: "rms" | "layer";
  positions: "rope" | "learned" | "sinusoidal" | "alibi";
  ffn: "swiglu" | "gelu";
  /** Linear layers carry biases (GPT-2). */
  bias: boolean;
  dim: number;
  hiddenDim: number;
  layers: number;
  heads: number;
  kvHeads: number;
  vocabSize: number;
  seqLen: number;
  sharedClassifier: boolean;
}

export interface ParamRow {
  component: string;
  formula: string;
  byFormula: number;
  actual: number;
  note?: string;
}

export interface ModelCard {
  name: string;
  /** The checkpoint format the weights were read from. */
  format: CheckpointFormat;
  /** Where the weights came from, e.g. "file stories260K.bin", "random weights, seed 42 (untrained)". */
  source: string;
  untrained: boolean;
  config: ModelConfigView;
  params: ParamRow[];
  totalByFormula: number;
  totalActual: number;
  tokenizer: { name: string; vocabSize: number };
  runtime: RuntimeInfo;
  loadMs: number;
}

export type CheckpointFormat = "llama2c" | "huggingface";

export type ModelSource =
  /** A llama2.c checkpoint (.bin) and its tokenizer. */
  | { kind: "files"; checkpointName: string; checkpoint: ArrayBuffer; tokenizerName: string; tokenizer: ArrayBuffer }
  /** A Hugging Face folder: config.json + model.safetensors + a tokenizer (tokenizer.json, …). */
  | { kind: "hf-files"; name: string; config: ArrayBuffer; safetensors: ArrayBuffer; tokenizerName: string; tokenizer: ArrayBuffer }
  | { kind: "url"; checkpointUrl: string; tokenizerUrl: string }
  /** A Hugging Face folder URL (e.g. https://huggingface.co/<repo>/resolve/main/): its config.json, model.safetensors, tokenizer.json. */
  | { kind: "hf-url"; folderUrl: string }
  | { kind: "demo"; seed: number };

export interface SamplingSettings {
  /** 0 = greedy. */
  temperature: number;
  /** 0 = off. */
  topK: number;
  /** 1 = off. */
  topP: number;
  seed: number;
  maxTokens: number;
}

export interface Candidate {
  id: number;
  piece: string;
  prob: number;
  /** False when top-k / top-p removed this token before the draw (always true for greedy). */
  kept: boolean;
}

export interface GeneratedStep {
  step: number;
  id: number;
  /** Text delta this token added (UTF-8 safe). */
  text: string;
  /** The top next-token probabilities at this step (after temperature), highest first. */
  top: Candidate[];
  /** The sampled token's probability (it may be outside `top`). */
  prob: number;
}

export interface GenerateResult {
  text: string;
  ids: number[];
  promptTokens: number;
  stopReason: "eos" | "max-tokens" | "context-full" | "aborted";
  prefillMs: number;
  decodeMs: number;
  tokensPerSecond: number;
  runtime: RuntimeInfo;
}

export interface AttentionResult {
  /** The prompt's tokens as printable pieces (row i attends over columns 0..i). */
  pieces: string[];
  layers: number;
  heads: number;
  /** T = pieces.length. */
  T: number;
  /** Weights [layers, heads, T, T], row = query position, column = key position. */
  weights: Float32Array;
}

export interface LoadProgress {
  stage: string;
  loaded?: number;
  total?: number;
}

/** Request name → request payload, event type and result type. */
export interface Api {
  init: { request: Record<string, never>; event: never; result: RuntimeInfo };
  tokenize: { request: { tokenizer: TokenizerRef; text: string }; event: never; result: TokenizeResult };
  loadTokenizerFile: { request: { name: string; bytes: ArrayBuffer }; event: never; result: { key: string; name: string; vocabSize: number } };
  loadModel: { request: { source: ModelSource }; event: LoadProgress; result: ModelCard };
  generate: { request: { prompt: string; settings: SamplingSettings; topCount: number }; event: GeneratedStep; result: GenerateResult };
  /** Re-creates the kernels; a loaded model is reloaded onto them from the same files. */
  configureKernels: { request: { choice: KernelChoice }; event: LoadProgress; result: { runtime: RuntimeInfo; model: ModelCard | undefined } };
  stop: { request: Record<string, never>; event: never; result: { stopped: boolean } };
  attention: { request: { prompt: string }; event: never; result: AttentionResult };
}

export type RequestType = keyof Api;

export type RequestMessage = { [K in RequestType]: { id: number; type: K } & Api[K]["request"] }[RequestType];

export interface ErrorInfo {
  name: string;
  message: string;
}

export type ResponseMessage =
  | { id: number; kind: "event"; event: Api[RequestType]["event"] }
  | { id: number; kind: "result"; result: Api[RequestType]["result"] }
  | { id: number; kind: "error"; error: ErrorInfo };

/** Transferable buffers inside a result (so big arrays move instead of being copied). */
export function transferablesOf(value: unknown): Transferable[] {
  if (value instanceof ArrayBuffer) return [value];
  if (ArrayBuffer.isView(value) && value.buffer instanceof ArrayBuffer) return [value.buffer];
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const out: Transferable[] = [];
    for (const v of Object.values(value)) if (v instanceof ArrayBuffer || (ArrayBuffer.isView(v) && v.buffer instanceof ArrayBuffer)) out.push(...transferablesOf(v));
    return out;
  }
  return [];
}

export function errorInfo(error: unknown): ErrorInfo {
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: "Error", message: String(error) };
}
