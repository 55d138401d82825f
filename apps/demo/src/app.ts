// Shared page state: the worker client, the runtime and loaded model, and what the page exposes on
// window.__wasmformerDemo for automated tests and curious readers (the last results of each panel).

import type { WorkerClient } from "./client.js";
import type { AttentionResult, GenerateResult, ModelCard, RuntimeInfo, TokenizeResult } from "./protocol.js";

export interface Exposed {
  runtime: RuntimeInfo | undefined;
  model: ModelCard | undefined;
  /** Tokenizer name → last result. */
  tokenize: Record<string, TokenizeResult>;
  generation: GenerateResult | undefined;
  attention: (Omit<AttentionResult, "weights"> & { weights: number[]; upperTriangleMax: number; canvasInkPixels: number }) | undefined;
  errors: string[];
  /** Requests in flight in the worker. */
  busy: number;
}

export class App {
  readonly client: WorkerClient;
  runtime: RuntimeInfo | undefined;
  model: ModelCard | undefined;
  /** Prompt + generated text of the last generation (the attention panel can look at it). */
  lastStory = "";
  readonly exposed: Exposed = { runtime: undefined, model: undefined, tokenize: {}, generation: undefined, attention: undefined, errors: [], busy: 0 };
  readonly #modelListeners: ((card: ModelCard) => void)[] = [];
  readonly #runtimeListeners: ((runtime: RuntimeInfo) => void)[] = [];

  constructor(client: WorkerClient) {
    this.client = client;
    (globalThis as { __wasmformerDemo?: Exposed }).__wasmformerDemo = this.exposed;
  }

  setModel(card: ModelCard): void {
    this.model = card;
    this.exposed.model = card;
    for (const l of this.#modelListeners) l(card);
  }

  setRuntime(runtime: RuntimeInfo): void {
    this.runtime = runtime;
    this.exposed.runtime = runtime;
    for (const l of this.#runtimeListeners) l(runtime);
  }

  onRuntime(listener: (runtime: RuntimeInfo) => void): void {
    this.#runtimeListeners.push(listener);
  }

  onModel(listener: (card: ModelCard) => void): void {
    this.#modelListeners.push(listener);
  }

  /** Shows an error in a panel's status line and records it. */
  report(where: HTMLElement, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.exposed.errors.push(message);
    where.textContent = message;
    where.classList.add("error");
  }
}

export function describeRuntime(r: RuntimeInfo): string {
  const kernels = r.backend === "js" ? "JS kernels" : `WASM ${r.variant}`;
  const threads = r.threads > 1 ? `${r.threads} threads` : "1 thread";
  const iso = r.crossOriginIsolated ? "cross-origin isolated" : "not cross-origin isolated (single-threaded)";
  return `${kernels} · ${threads} · ${iso}`;
}
