// LoadedModel over a @wasmformer/model Transformer: streaming generation with the model's sampler and
// per-step candidates from its distribution, attention maps from its prefill capture, and the
// parameter table (formula vs actual) from its inspection tools.

import { type GenerationStats, type Transformer, createSampler, generate, parameterTable } from "@wasmformer/model";
import type { Tokenizer } from "@wasmformer/tokenizer";
import { placeAttentionChunk } from "../logic/attention-maps.js";
import { stepCandidates } from "../logic/step-candidates.js";
import { yieldToEventLoop } from "../logic/yield.js";
import type { Candidate, CheckpointFormat } from "../protocol.js";
import type { AttentionMaps, GenerationReport, LoadedModel } from "./loaded-model.js";
import { tokenText } from "./token-text.js";

/** Most tokens the attention view takes (its weights grow as layers × heads × T²). */
export const MAX_ATTENTION_TOKENS = 256;
/** Longest stretch of work between two looks at the message queue. */
const YIELD_EVERY_MS = 8;

const STOP_REASONS: Record<GenerationStats["stopReason"], GenerationReport["stopReason"]> = {
  "stop-token": "eos",
  "stop-string": "eos",
  "max-tokens": "max-tokens",
  "context-full": "context-full",
  aborted: "aborted",
};

/** Wraps a loaded Transformer and its tokenizer; `dispose()` frees the model's memory in the kernels heap. */
export function adaptModel(model: Transformer, tokenizer: Tokenizer, format: CheckpointFormat): LoadedModel {
  const c = model.config;
  const rows = parameterTable(c).map((r) => ({ component: r.component, formula: r.formula, byFormula: r.expected, actual: r.actual, ...(r.note ? { note: r.note } : {}) }));
  const bos = tokenizer.bosId !== undefined;
  // generate()'s default stops (EOS, BOS), plus the ids of a vocabulary padded past the tokenizer's:
  // the stream decoder cannot decode those, so sampling one ends the text like EOS.
  const stopTokens = [tokenizer.eosId, tokenizer.bosId].filter((id): id is number => id !== undefined);
  for (let id = tokenizer.vocabSize; id < c.vocabSize; id++) stopTokens.push(id);

  function encodePrompt(prompt: string): number[] {
    let ids = tokenizer.encode(prompt, { bos });
    // No BOS (GPT-2): an empty prompt starts from the end-of-text token, as GPT-2 starts documents.
    if (ids.length === 0 && tokenizer.eosId !== undefined) ids = [tokenizer.eosId];
    if (ids.length === 0) throw new RangeError("type a prompt: this tokenizer has no start token to begin from");
    if (ids.length > c.maxSeqLen) throw new RangeError(`the prompt is ${ids.length} tokens, the model's context is ${c.maxSeqLen}`);
    return ids;
  }

  return {
    format,
    config: {
      norm: c.norm,
      positions: c.positions,
      ffn: c.ffn,
      bias: c.bias,
      dim: c.dim,
      hiddenDim: c.hiddenDim,
      layers: c.layers,
      heads: c.heads,
      kvHeads: c.kvHeads,
      vocabSize: c.vocabSize,
      seqLen: c.maxSeqLen,
      sharedClassifier: c.tiedEmbeddings,
    },
    params: { rows, totalByFormula: rows.reduce((n, r) => n + r.byFormula, 0), totalActual: rows.reduce((n, r) => n + r.actual, 0) },
    tokenizer,

    async generate(prompt, settings, topCount, signal, onStep): Promise<GenerationReport> {
      const sampler = createSampler({ temperature: settings.temperature, topK: settings.topK, topP: settings.topP, seed: settings.seed >>> 0 });
      let top: Candidate[] = [];
      let barsMs = 0;
      const run = generate(model, tokenizer, {
        prompt: encodePrompt(prompt),
        maxTokens: settings.maxTokens,
        sampler,
        stopTokens,
        signal,
        onLogits: (logits) => {
          const t = performance.now();
          top = stepCandidates(logits, settings, topCount).map((r) => ({ ...r, piece: tokenText(tokenizer, r.id) }));
          barsMs += performance.now() - t;
        },
      });
      const tokens = run[Symbol.asyncIterator]();
      const ids: number[] = [];
      let text = "";
      let modelMs = 0; // time inside the model's iterator: prefill, forward passes, sampling, the bars
      let lastYield = performance.now();
      for (;;) {
        const t = performance.now();
        const next = await tokens.next();
        modelMs += performance.now() - t;
        if (next.done) break;
        const token = next.value;
        text += token.text;
        if (token.id < 0) continue; // text the stream decoder held until the end, not a token
        ids.push(token.id);
        onStep({ id: token.id, text: token.text, prob: Math.exp(token.logprob), top });
        if (performance.now() - lastYield > YIELD_EVERY_MS) {
          await yieldToEventLoop(); // a "stop" request may arrive here and abort `signal`
          lastYield = performance.now();
        }
      }
      const stats = run.stats;
      if (!stats) throw new Error("generation ended without statistics");
      return {
        ids,
        text,
        promptTokens: stats.promptTokens,
        stopReason: STOP_REASONS[stats.stopReason],
        prefillMs: stats.prefillMs,
        decodeMs: Math.max(0, modelMs - stats.prefillMs - barsMs),
      };
    },

    attention(prompt): AttentionMaps {
      const ids = encodePrompt(prompt);
      const T = ids.length;
      if (T > MAX_ATTENTION_TOKENS) throw new RangeError(`the attention view takes at most ${MAX_ATTENTION_TOKENS} tokens; this prompt is ${T}`);
      const shape = { layers: c.layers, heads: c.heads, T };
      const weights = new Float32Array(c.layers * c.heads * T * T);
      model.prefill(ids, 0, { onAttention: (layer, w, chunk) => placeAttentionChunk(weights, shape, layer, w, chunk) });
      return { ids, ...shape, weights };
    },

    dispose: () => model.dispose(),
  };
}
