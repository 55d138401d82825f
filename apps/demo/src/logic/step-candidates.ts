// The bars of the generation panel for one step: the most likely next tokens under the model's
// distribution (softmax(logits / temperature); temperature 0 shows the plain softmax, whose argmax is
// the greedy pick), each marked with whether top-k / top-p left it in the draw.

import { distribution, topTokens } from "@wasmformer/model";

export interface StepSettings {
  /** 0 = greedy. */
  temperature: number;
  /** 0 = off. */
  topK: number;
  /** 1 = off. */
  topP: number;
}

export interface RankedCandidate {
  id: number;
  prob: number;
  /** False when top-k / top-p removed the token before the draw (always true for greedy). */
  kept: boolean;
}

export function stepCandidates(logits: Float32Array, s: StepSettings, count: number): RankedCandidate[] {
  const temperature = s.temperature > 0 ? s.temperature : 1;
  const top = topTokens(logits, count, { temperature });
  const cuts = s.temperature > 0 && ((s.topK > 0 && s.topK < logits.length) || s.topP < 1);
  const after = cuts ? distribution(logits, { temperature, topK: s.topK, topP: s.topP }) : undefined;
  return top.map((t) => ({ id: t.id, prob: t.probability, kept: after ? (after[t.id] ?? 0) > 0 : true }));
}
