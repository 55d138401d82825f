import { describe, expect, it } from "vitest";
import { stepCandidates } from "../../src/logic/step-candidates.js";

/** float64 softmax and a full sort, the slow obvious way. */
function reference(logits: number[], t: number): { id: number; prob: number }[] {
  const m = Math.max(...logits);
  const e = logits.map((x) => Math.exp((x - m) / t));
  const s = e.reduce((a, b) => a + b, 0);
  return logits.map((_, id) => ({ id, prob: (e[id] as number) / s })).sort((a, b) => b.prob - a.prob || a.id - b.id);
}

/** Deterministic pseudo-random logits (no RNG from the code under test). */
const logits = Float32Array.from({ length: 3000 }, (_, i) => 4 * Math.sin(i * 12.9898 + 78.233) * Math.cos(i * 0.37));

describe("stepCandidates", () => {
  it("ranks the top tokens as a float64 softmax + full sort does, at several temperatures", () => {
    for (const t of [0.3, 1, 2]) {
      const got = stepCandidates(logits, { temperature: t, topK: 0, topP: 1 }, 10);
      const ref = reference(Array.from(logits), t).slice(0, 10);
      expect(got.map((c) => c.id)).toEqual(ref.map((c) => c.id));
      got.forEach((c, i) => expect(c.prob).toBeCloseTo(ref[i]?.prob as number, 9));
      expect(got.every((c) => c.kept)).toBe(true);
    }
  });

  it("shows the temperature-1 distribution for greedy, every candidate kept, ties by lower id", () => {
    const got = stepCandidates(Float32Array.from([1, 3, 2, 3]), { temperature: 0, topK: 1, topP: 0.1 }, 3);
    const ref = reference([1, 3, 2, 3], 1);
    expect(got.map((c) => c.id)).toEqual([1, 3, 2]);
    got.forEach((c, i) => expect(c.prob).toBeCloseTo(ref[i]?.prob as number, 12));
    expect(got.every((c) => c.kept)).toBe(true);
  });

  it("marks what top-k removes", () => {
    const got = stepCandidates(logits, { temperature: 1, topK: 3, topP: 1 }, 6);
    expect(got.map((c) => c.kept)).toEqual([true, true, true, false, false, false]);
  });

  it("marks what top-p removes: the smallest prefix whose mass reaches p is kept", () => {
    const ref = reference(Array.from(logits), 0.5);
    let mass = 0;
    let keep = 0;
    while (mass < 0.6) mass += (ref[keep++] as { prob: number }).prob;
    const got = stepCandidates(logits, { temperature: 0.5, topK: 0, topP: 0.6 }, keep + 3);
    expect(got.map((c) => c.kept)).toEqual([...Array(keep).fill(true), false, false, false]);
  });
});
