// LoadedModel for a llama2.c checkpoint: generation with per-step candidates, attention capture and
// the parameter table, over the forward pass in interim-llama2c.ts (to be replaced by @wasmformer/model).

import type { Kernels } from "@wasmformer/kernels";
import type { Tokenizer } from "@wasmformer/tokenizer";
import { llamaParamTable } from "../logic/param-count.js";
import { SeededRng } from "../logic/rng.js";
import { argmax, filteredDistribution, pick } from "../logic/sampler.js";
import { topCandidates, yieldToEventLoop } from "../logic/top-candidates.js";
import { Llama2cRunner } from "./interim-llama2c.js";
import type { AttentionMaps, GenerationReport, LoadedModel } from "./loaded-model.js";
import { tokenText } from "./token-text.js";

/** run.c's fixed ids, used when the tokenizer does not name its own. */
const LLAMA2C_BOS = 1;
const LLAMA2C_EOS = 2;
/** Most tokens the attention view takes (its weights grow as layers × heads × T²). */
export const MAX_ATTENTION_TOKENS = 256;
/** Longest stretch of work between two looks at the message queue. */
const YIELD_EVERY_MS = 8;

export function loadLlama2c(checkpoint: Uint8Array, tokenizer: Tokenizer, kernels: Kernels, file = "checkpoint"): LoadedModel {
  const runner = new Llama2cRunner(kernels, checkpoint, file);
  const c = runner.config;
  if (tokenizer.vocabSize !== c.vocabSize) {
    runner.dispose();
    throw new RangeError(`the tokenizer has ${tokenizer.vocabSize} pieces but ${file} has a vocabulary of ${c.vocabSize}: they do not belong together`);
  }

  const BOS = tokenizer.bosId ?? LLAMA2C_BOS;
  const EOS = tokenizer.eosId ?? LLAMA2C_EOS;

  function encodePrompt(prompt: string): number[] {
    const ids = tokenizer.encode(prompt);
    const withBos = ids[0] === BOS ? ids : [BOS, ...ids];
    if (withBos.length > c.seqLen) throw new RangeError(`the prompt is ${withBos.length} tokens, the model's context is ${c.seqLen}`);
    return withBos;
  }

  return {
    config: { ...c },
    params: llamaParamTable(c),
    tokenizer,

    async generate(prompt, settings, topCount, signal, onStep): Promise<GenerationReport> {
      const promptIds = encodePrompt(prompt);
      const rng = new SeededRng(settings.seed >>> 0);
      const decoder = tokenizer.streamDecoder({ skipSpecial: true });
      for (const id of promptIds) decoder.push(id); // so the decoder knows what precedes the first new token
      const t0 = performance.now();
      runner.prefill(promptIds);
      const prefillMs = performance.now() - t0;
      const ids: number[] = [];
      let text = "";
      let decodeMs = 0;
      let stopReason: GenerationReport["stopReason"] = "max-tokens";
      let pos = promptIds.length;
      let lastYield = performance.now();
      while (ids.length < settings.maxTokens) {
        const tStep = performance.now();
        const logits = runner.logits.toArray();
        const filtered = settings.temperature > 0 ? filteredDistribution(logits, settings) : undefined;
        const next = filtered ? pick(filtered, rng.uniform()) : argmax(logits);
        decodeMs += performance.now() - tStep;
        if (next === BOS || next === EOS) {
          stopReason = "eos";
          break;
        }
        const { top, alsoProb } = topCandidates(logits, settings.temperature, topCount, next);
        const delta = decoder.push(next);
        text += delta;
        ids.push(next);
        // Both lists are ordered most likely first (ties by id), so the i-th candidate survived the
        // filters exactly when fewer than i tokens were dropped before it: i < filtered.ids.length.
        const survivors = filtered ? filtered.ids.length : Number.POSITIVE_INFINITY;
        const candidates = top.map((t, i) => ({ id: t.id, piece: tokenText(tokenizer, t.id), prob: t.prob, kept: i < survivors }));
        onStep({ id: next, text: delta, prob: alsoProb, top: candidates });
        if (ids.length >= settings.maxTokens) break;
        if (pos >= c.seqLen) {
          stopReason = "context-full";
          break;
        }
        if (performance.now() - lastYield > YIELD_EVERY_MS) {
          await yieldToEventLoop();
          lastYield = performance.now();
        }
        if (signal.aborted) {
          stopReason = "aborted";
          break;
        }
        const tForward = performance.now();
        runner.forward(next, pos++);
        decodeMs += performance.now() - tForward;
      }
      text += decoder.flush();
      return { ids, text, promptTokens: promptIds.length, stopReason, prefillMs, decodeMs };
    },

    attention(prompt): AttentionMaps {
      const ids = encodePrompt(prompt);
      const T = ids.length;
      if (T > MAX_ATTENTION_TOKENS) throw new RangeError(`the attention view takes at most ${MAX_ATTENTION_TOKENS} tokens; this prompt is ${T}`);
      const { layers, heads } = c;
      const weights = new Float32Array(layers * heads * T * T);
      // The kernel writes each layer's weights as [heads, T, T]: exactly this layer's block.
      runner.prefill(ids, (layer, w) => weights.set(w, layer * heads * T * T));
      return { ids, layers, heads, T, weights };
    },

    dispose: () => runner.dispose(),
  };
}
