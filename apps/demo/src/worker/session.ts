// The worker's state and its request handlers: tokenizers (built-in, the model's, user files), the
// loaded model and the kernels it runs on, and the one generation that may be in flight.

import type { Kernels, KernelsOptions } from "@wasmformer/kernels";
import type { Tokenizer } from "@wasmformer/tokenizer";
import { demoModelFiles } from "../logic/demo-model.js";
import type { Api, KernelChoice, LoadProgress, ModelCard, ModelSource, RuntimeInfo, TokenizerRef } from "../protocol.js";
import type { Handlers } from "./host.js";
import type { CheckpointFiles, LoadedModel } from "./loaded-model.js";
import { tiktokenEncoding } from "./tiktoken-ranks.js";
import { tokenText } from "./token-text.js";
import { tokenizeWith } from "./tokenize.js";

export interface SessionDeps {
  createKernels(options: KernelsOptions): Promise<Kernels>;
  /** A tokenizer from a file's bytes, the format chosen by its name and content. */
  loadTokenizerFile(name: string, bytes: Uint8Array): Tokenizer;
  /** A checkpoint (llama2.c or Hugging Face) over the kernels, paired with a tokenizer. */
  loadCheckpoint(files: CheckpointFiles, tokenizer: Tokenizer, kernels: Kernels): LoadedModel;
  crossOriginIsolated: boolean;
  hardwareConcurrency: number;
}

export class Session {
  readonly #deps: SessionDeps;
  #kernels: Promise<Kernels> | undefined;
  #model: LoadedModel | undefined;
  #card: ModelCard | undefined;
  readonly #files = new Map<string, Tokenizer>();
  #abort: AbortController | undefined;
  #choice: KernelChoice = { backend: "auto", threads: "auto" };
  /** The files of the loaded model, to reload it onto new kernels. */
  #lastFiles: ModelFiles | undefined;
  #lastSource: ModelSource["kind"] | undefined;

  constructor(deps: SessionDeps) {
    this.#deps = deps;
  }

  handlers(): Handlers {
    return {
      init: () => this.runtime(),
      tokenize: (r) => this.tokenize(r.tokenizer, r.text),
      loadTokenizerFile: (r) => this.loadTokenizerFile(r.name, r.bytes),
      loadModel: (r, emit) => this.loadModel(r.source, emit),
      configureKernels: (r, emit) => this.configureKernels(r.choice, emit),
      generate: (r, emit) => this.generate(r, emit),
      stop: () => {
        const stopped = this.#abort !== undefined;
        this.#abort?.abort();
        return { stopped };
      },
      attention: (r) => this.attention(r.prompt),
    };
  }

  kernels(): Promise<Kernels> {
    if (!this.#kernels) {
      const c = this.#choice;
      const wanted = c.threads === "auto" ? Math.max(1, Math.min(4, this.#deps.hardwareConcurrency)) : c.threads;
      const threads = this.#deps.crossOriginIsolated ? wanted : 1;
      const options: KernelsOptions =
        c.backend === "js"
          ? { backend: "js", threads: 1 }
          : c.backend === "auto"
            ? { threads }
            : { backend: "wasm", variant: c.backend === "wasm-simd" ? "simd" : "relaxed-simd", threads };
      this.#kernels = this.#deps.createKernels(options);
      this.#kernels.catch(() => (this.#kernels = undefined));
    }
    return this.#kernels;
  }

  async configureKernels(choice: KernelChoice, emit: (p: LoadProgress) => void): Promise<Api["configureKernels"]["result"]> {
    const okBackend = ["auto", "wasm-relaxed-simd", "wasm-simd", "js"].includes(choice.backend);
    const okThreads = choice.threads === "auto" || (Number.isInteger(choice.threads) && choice.threads >= 1 && choice.threads <= 16);
    if (!okBackend || !okThreads) throw new RangeError(`configureKernels: bad choice ${JSON.stringify(choice)}`);
    this.#abort?.abort();
    this.#model?.dispose();
    this.#model = undefined;
    this.#card = undefined;
    const old = this.#kernels;
    this.#kernels = undefined;
    if (old) (await old.catch(() => undefined))?.dispose();
    const previous = this.#choice;
    this.#choice = choice;
    try {
      await this.kernels();
    } catch (error) {
      this.#choice = previous;
      throw error;
    }
    const files = this.#lastFiles;
    const model = files ? await this.#install(files, this.#lastSource === "demo", emit, performance.now()) : undefined;
    return { runtime: await this.runtime(), model };
  }

  async runtime(): Promise<RuntimeInfo> {
    const k = await this.kernels();
    const isolated = this.#deps.crossOriginIsolated;
    const reason = isolated ? k.info.reason : `${k.info.reason}; page is not cross-origin isolated, so no SharedArrayBuffer: one thread`;
    return { backend: k.info.backend, variant: k.info.variant, threads: k.info.threads, reason, crossOriginIsolated: isolated };
  }

  async tokenizer(ref: TokenizerRef): Promise<Tokenizer> {
    switch (ref.kind) {
      case "tiktoken":
        return tiktokenEncoding(ref.name);
      case "model":
        if (!this.#model) throw new Error("no model is loaded, so there is no model tokenizer yet");
        return this.#model.tokenizer;
      case "file": {
        const t = this.#files.get(ref.key);
        if (!t) throw new Error(`no tokenizer file loaded under key ${JSON.stringify(ref.key)}`);
        return t;
      }
    }
  }

  async tokenize(ref: TokenizerRef, text: string): Promise<Api["tokenize"]["result"]> {
    if (typeof text !== "string") throw new TypeError("tokenize: text must be a string");
    return tokenizeWith(await this.tokenizer(ref), text);
  }

  loadTokenizerFile(name: string, bytes: ArrayBuffer): Api["loadTokenizerFile"]["result"] {
    const tokenizer = this.#deps.loadTokenizerFile(name, new Uint8Array(bytes));
    const key = `${this.#files.size + 1}:${name}`;
    this.#files.set(key, tokenizer);
    return { key, name, vocabSize: tokenizer.vocabSize };
  }

  async loadModel(source: ModelSource, emit: (p: LoadProgress) => void): Promise<ModelCard> {
    const t0 = performance.now();
    const files = await this.#modelFiles(source, emit);
    const card = await this.#install(files, source.kind === "demo", emit, t0);
    this.#lastFiles = files;
    this.#lastSource = source.kind;
    return card;
  }

  async #install(files: ModelFiles, untrained: boolean, emit: (p: LoadProgress) => void, t0: number): Promise<ModelCard> {
    emit({ stage: "parsing the tokenizer" });
    const tokenizer = this.#deps.loadTokenizerFile(files.tokenizerName, files.tokenizer);
    emit({ stage: "writing weights into the kernels heap" });
    const kernels = await this.kernels();
    this.#abort?.abort();
    this.#model?.dispose();
    this.#model = undefined;
    this.#card = undefined;
    const model = this.#deps.loadCheckpoint(files.checkpoint, tokenizer, kernels);
    this.#model = model;
    const card: ModelCard = {
      name: files.name,
      format: model.format,
      source: files.source,
      untrained,
      config: model.config,
      params: model.params.rows,
      totalByFormula: model.params.totalByFormula,
      totalActual: model.params.totalActual,
      tokenizer: { name: tokenizer.name, vocabSize: tokenizer.vocabSize },
      runtime: await this.runtime(),
      loadMs: performance.now() - t0,
    };
    this.#card = card;
    return card;
  }

  async #modelFiles(source: ModelSource, emit: (p: LoadProgress) => void): Promise<ModelFiles> {
    switch (source.kind) {
      case "demo": {
        emit({ stage: `generating random weights from seed ${source.seed}` });
        const f = demoModelFiles(source.seed);
        const name = "demo (random weights)";
        return {
          name,
          source: `generated in the page from seed ${source.seed}: UNTRAINED, its output is noise`,
          checkpoint: { format: "llama2c", name, checkpoint: new Uint8Array(f.checkpoint) },
          tokenizer: new Uint8Array(f.tokenizer),
          tokenizerName: "demo-tokenizer.bin",
        };
      }
      case "files":
        return {
          name: source.checkpointName,
          source: `file ${source.checkpointName} + ${source.tokenizerName}`,
          checkpoint: { format: "llama2c", name: source.checkpointName, checkpoint: new Uint8Array(source.checkpoint) },
          tokenizer: new Uint8Array(source.tokenizer),
          tokenizerName: source.tokenizerName,
        };
      case "hf-files":
        return {
          name: source.name,
          source: `Hugging Face folder ${source.name} (config.json + model.safetensors + ${source.tokenizerName})`,
          checkpoint: { format: "huggingface", name: source.name, config: new TextDecoder().decode(source.config), safetensors: new Uint8Array(source.safetensors) },
          tokenizer: new Uint8Array(source.tokenizer),
          tokenizerName: source.tokenizerName,
        };
      case "url": {
        const checkpoint = await fetchBytes(source.checkpointUrl, "checkpoint", emit);
        const tokenizer = await fetchBytes(source.tokenizerUrl, "tokenizer", emit);
        const name = fileName(source.checkpointUrl) || source.checkpointUrl;
        const tokenizerName = fileName(source.tokenizerUrl) || "tokenizer.bin";
        return { name, source: `URL ${source.checkpointUrl}`, checkpoint: { format: "llama2c", name, checkpoint }, tokenizer, tokenizerName };
      }
      case "hf-url": {
        const folder = source.folderUrl.endsWith("/") ? source.folderUrl : `${source.folderUrl}/`;
        const config = new TextDecoder().decode(await fetchBytes(new URL("config.json", folder).href, "config.json", emit));
        const safetensors = await fetchBytes(new URL("model.safetensors", folder).href, "model.safetensors", emit);
        const tokenizer = await fetchBytes(new URL("tokenizer.json", folder).href, "tokenizer.json", emit);
        const name = folderName(folder);
        return { name, source: `URL ${folder}`, checkpoint: { format: "huggingface", name, config, safetensors }, tokenizer, tokenizerName: "tokenizer.json" };
      }
    }
  }

  #requireModel(): LoadedModel {
    if (!this.#model) throw new Error("load a model first (the demo model needs no download)");
    return this.#model;
  }

  async generate(r: Api["generate"]["request"], emit: (e: Api["generate"]["event"]) => void): Promise<Api["generate"]["result"]> {
    const model = this.#requireModel();
    this.#abort?.abort();
    const abort = new AbortController();
    this.#abort = abort;
    let step = 0;
    try {
      const report = await model.generate(r.prompt, r.settings, r.topCount, abort.signal, (s) => emit({ step: step++, ...s }));
      const runtime = this.#card?.runtime ?? (await this.runtime());
      return {
        ...report,
        tokensPerSecond: report.decodeMs > 0 ? (report.ids.length / report.decodeMs) * 1000 : 0,
        runtime,
      };
    } finally {
      if (this.#abort === abort) this.#abort = undefined;
    }
  }

  attention(prompt: string): Api["attention"]["result"] {
    const model = this.#requireModel();
    this.#abort?.abort(); // the attention run reuses the KV cache a generation would be filling
    const maps = model.attention(prompt);
    return {
      pieces: maps.ids.map((id) => tokenText(model.tokenizer, id)),
      layers: maps.layers,
      heads: maps.heads,
      T: maps.T,
      weights: maps.weights,
    };
  }
}

interface ModelFiles {
  name: string;
  source: string;
  checkpoint: CheckpointFiles;
  tokenizer: Uint8Array;
  tokenizerName: string;
}

function fileName(url: string): string {
  return new URL(url).pathname.split("/").pop() ?? "";
}

/** "https://huggingface.co/org/model/resolve/main/" → "org/model"; other URLs → their last folder. */
function folderName(folderUrl: string): string {
  const parts = new URL(folderUrl).pathname.split("/").filter(Boolean);
  const resolve = parts.indexOf("resolve");
  if (resolve >= 2) return parts.slice(resolve - 2, resolve).join("/");
  return parts.pop() ?? folderUrl;
}

async function fetchBytes(url: string, what: string, emit: (p: LoadProgress) => void): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`fetching the ${what} from ${url} failed: HTTP ${response.status} ${response.statusText}`);
  const total = Number(response.headers.get("content-length")) || undefined;
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.length;
    emit({ stage: `downloading the ${what}`, loaded, ...(total ? { total } : {}) });
  }
  const out = new Uint8Array(loaded);
  let p = 0;
  for (const c of chunks) {
    out.set(c, p);
    p += c.length;
  }
  return out;
}
