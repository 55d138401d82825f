import { describe, expect, it } from "vitest";
import { SeededRng } from "../../src/logic/rng.js";
import { topCandidates } from "../../src/logic/top-candidates.js";

/** float64 softmax and a full sort, the slow obvious way. */
function reference(logits: number[], t: number, k: number) {
  const m = Math.max(...logits);
  const e = logits.map((x) => Math.exp((x - m) / t));
  const s = e.reduce((a, b) => a + b, 0);
  return logits
    .map((_, id) => ({ id, prob: (e[id] as number) / s }))
    .sort((a, b) => b.prob - a.prob || a.id - b.id)
    .slice(0, k);
}

describe("topCandidates", () => {
  it("matches a float64 softmax + full sort on random logits at several temperatures", () => {
    const rng = new SeededRng(11);
    const logits = Array.from({ length: 5000 }, () => 4 * rng.normal());
    for (const t of [0.3, 1, 2]) {
      const { top } = topCandidates(Float32Array.from(logits), t, 10);
      const ref = reference(Array.from(Float32Array.from(logits)), t, 10);
      expect(top.map((c) => c.id)).toEqual(ref.map((c) => c.id));
      top.forEach((c, i) => expect(c.prob).toBeCloseTo(ref[i]?.prob as number, 9));
    }
  });

  it("shows the temperature-1 distribution for greedy (t = 0) and the sampled id's probability", () => {
    const logits = [1, 3, 2, 3];
    const { top, alsoProb } = topCandidates(logits, 0, 2, 0);
    const ref = reference(logits, 1, 4);
    expect(top.map((c) => c.id)).toEqual([1, 3]); // tie → lower id first
    expect(alsoProb).toBeCloseTo(ref.find((c) => c.id === 0)?.prob as number, 12);
  });

  it("returns every id when k exceeds the vocabulary, and refuses empty logits", () => {
    expect(topCandidates([0, 0, 5], 1, 10).top.map((c) => c.id)).toEqual([2, 0, 1]);
    expect(() => topCandidates([], 1, 3)).toThrow(/empty logits/);
  });
});
