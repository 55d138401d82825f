// Streaming generation: prompt → prefill (batched) → sample → decode one token at a time, yielding
// { id, text, logprob } as tokens arrive. Text goes through the tokenizer's streaming decoder, so a
// character split across tokens is emitted whole, never as broken UTF-8.

import { ModelInputError } from "./errors.js";
import { type Sampler, type SamplerOptions, createSampler } from "./sampler.js";
import type { Transformer } from "./transformer.js";

/** What generation needs from a tokenizer (every @wasmformer/tokenizer tokenizer has it). */
export interface GenerationTokenizer {
  encode(text: string, options?: { bos?: boolean; eos?: boolean }): number[];
  streamDecoder(options?: { skipSpecial?: boolean }): { push(id: number): string; flush(): string };
  readonly bosId: number | undefined;
  readonly eosId: number | undefined;
}

export interface GenerateOptions {
  /** Text (encoded with BOS if the tokenizer has one, as run.c does) or token ids. Default "". */
  prompt?: string | readonly number[];
  /** Add BOS before a text prompt (default true when the tokenizer has a BOS id). */
  bos?: boolean;
  /** At most this many generated tokens (default: until the context window is full). */
  maxTokens?: number;
  /** A sampler, or options for createSampler (default greedy). */
  sampler?: Sampler | SamplerOptions;
  /** Generation stops when one of these ids is sampled (default: EOS and BOS, as llama2.c stops on BOS). */
  stopTokens?: readonly number[];
  /** Generation stops before any of these strings; the string itself is not emitted. */
  stop?: readonly string[];
  signal?: AbortSignal;
  /** Called after each step with the logits the token was sampled from (a view; copy to keep). */
  onLogits?: (logits: Float32Array, step: number) => void;
}

export interface GeneratedToken {
  id: number;
  /** Text that became complete with this token (may be ""; held back while a stop string could begin). */
  text: string;
  logprob: number;
  /** Position of this token in the sequence (the prompt occupies 0..promptTokens-1). Last entry may have id -1 and position -1: no token, only text the decoder held until the end. */
  position: number;
}

export interface GenerationStats {
  promptTokens: number;
  generatedTokens: number;
  prefillMs: number;
  decodeMs: number;
  prefillTokensPerSecond: number;
  decodeTokensPerSecond: number;
  stopReason: "stop-token" | "stop-string" | "max-tokens" | "context-full" | "aborted";
}

/** An async iterable of tokens; `stats` is filled in when iteration ends. */
export class Generation implements AsyncIterable<GeneratedToken> {
  stats: GenerationStats | undefined;
  readonly #run: () => AsyncGenerator<GeneratedToken, GenerationStats>;
  constructor(run: () => AsyncGenerator<GeneratedToken, GenerationStats>) {
    this.#run = run;
  }
  async *[Symbol.asyncIterator](): AsyncGenerator<GeneratedToken, void> {
    const it = this.#run();
    for (;;) {
      const r = await it.next();
      if (r.done) {
        this.stats = r.value;
        return;
      }
      yield r.value;
    }
  }
  /** Runs to the end and returns all text, ids and stats. */
  async collect(): Promise<{ text: string; ids: number[]; stats: GenerationStats }> {
    let text = "";
    const ids: number[] = [];
    for await (const t of this) {
      text += t.text;
      ids.push(t.id);
    }
    return { text, ids, stats: this.stats! };
  }
}

export function generate(model: Transformer, tokenizer: GenerationTokenizer, options: GenerateOptions = {}): Generation {
  return new Generation(() => run(model, tokenizer, options));
}

async function* run(model: Transformer, tokenizer: GenerationTokenizer, o: GenerateOptions): AsyncGenerator<GeneratedToken, GenerationStats> {
  const prompt = typeof o.prompt === "string" || o.prompt === undefined
    ? tokenizer.encode(o.prompt ?? "", { bos: o.bos ?? tokenizer.bosId !== undefined })
    : [...o.prompt];
  if (prompt.length === 0) throw new ModelInputError("generate: the prompt is empty and the tokenizer has no BOS token to start from");
  const S = model.config.maxSeqLen;
  if (prompt.length > S) throw new ModelInputError(`generate: the prompt has ${prompt.length} tokens, the context window is ${S} (maxSeqLen)`);
  const sampler = o.sampler && "sample" in o.sampler ? o.sampler : createSampler({ temperature: 0, ...(o.sampler as SamplerOptions | undefined) });
  const stopTokens = new Set(o.stopTokens ?? [tokenizer.eosId, tokenizer.bosId].filter((x): x is number => x !== undefined));
  const stops = (o.stop ?? []).filter((s) => s.length > 0);
  const maxTokens = o.maxTokens ?? Infinity;
  const decoder = tokenizer.streamDecoder({ skipSpecial: true });
  for (const id of prompt) decoder.push(id); // context for the decoder (e.g. no leading space after BOS)

  const t0 = performance.now();
  let logits = model.prefill(prompt, 0);
  const prefillMs = performance.now() - t0;
  const history = [...prompt];
  let pending = ""; // decoded text held back while it may be the start of a stop string
  let generated = 0;
  let stopReason: GenerationStats["stopReason"] = "context-full";
  const t1 = performance.now();
  for (let pos = prompt.length; ; pos++) {
    if (o.signal?.aborted) {
      stopReason = "aborted";
      break;
    }
    if (generated >= maxTokens) {
      stopReason = "max-tokens";
      break;
    }
    const { id, logprob } = sampler.sample(logits, history);
    o.onLogits?.(logits, generated);
    if (stopTokens.has(id)) {
      stopReason = "stop-token";
      break;
    }
    generated++;
    history.push(id);
    pending += decoder.push(id);
    const cut = stops.length > 0 ? firstStop(pending, stops) : -1;
    if (cut >= 0) {
      yield { id, text: pending.slice(0, cut), logprob, position: pos };
      pending = "";
      stopReason = "stop-string";
      break;
    }
    const keep = stops.length > 0 ? heldBack(pending, stops) : 0;
    yield { id, text: pending.slice(0, pending.length - keep), logprob, position: pos };
    pending = pending.slice(pending.length - keep);
    // The token for position S (past the window) is still sampled from position S-1's logits and
    // yielded, as run.c does; it is never fed back.
    if (pos >= S) break;
    logits = model.forward(id, pos);
  }
  pending += decoder.flush();
  if (pending && stopReason !== "stop-string") yield { id: -1, text: pending, logprob: 0, position: -1 };
  const decodeMs = performance.now() - t1;
  return {
    promptTokens: prompt.length,
    generatedTokens: generated,
    prefillMs,
    decodeMs,
    prefillTokensPerSecond: prompt.length / (prefillMs / 1000),
    decodeTokensPerSecond: generated / (decodeMs / 1000),
    stopReason,
  };
}

function firstStop(text: string, stops: readonly string[]): number {
  let best = -1;
  for (const s of stops) {
    const i = text.indexOf(s);
    if (i >= 0 && (best < 0 || i < best)) best = i;
  }
  return best;
}

/** Length of the longest suffix of `text` that is a proper prefix of a stop string. */
function heldBack(text: string, stops: readonly string[]): number {
  let keep = 0;
  for (const s of stops)
    for (let n = Math.min(s.length - 1, text.length); n > keep; n--)
      if (text.endsWith(s.slice(0, n))) {
        keep = n;
        break;
      }
  return keep;
}
