import { describe, expect, it } from "vitest";
import { SeededRng } from "../../src/logic/rng.js";
import { argmax, filteredDistribution, pick, sampleToken } from "../../src/logic/sampler.js";

const logits = [2, 0.5, 3, -1, 3, 1];

/** float64 softmax(logits / t). */
function softmax(x: number[], t: number): number[] {
  const m = Math.max(...x);
  const e = x.map((v) => Math.exp((v - m) / t));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

describe("sampler", () => {
  it("argmax takes the first of equal maxima", () => {
    expect(argmax(logits)).toBe(2);
    expect(sampleToken(logits, { temperature: 0, topK: 5, topP: 0.5 }, () => 0.99)).toBe(2);
  });

  it("with no filters keeps the whole softmax, most likely first", () => {
    const d = filteredDistribution(logits, { temperature: 0.7, topK: 0, topP: 1 });
    const p = softmax(logits, 0.7);
    expect(d.ids).toEqual([2, 4, 0, 5, 1, 3]);
    d.ids.forEach((id, j) => expect(d.probs[j]).toBeCloseTo(p[id] as number, 12));
  });

  it("top-k keeps k tokens and renormalises", () => {
    const d = filteredDistribution(logits, { temperature: 1, topK: 3, topP: 1 });
    const p = softmax(logits, 1);
    const kept = (p[2] as number) + (p[4] as number) + (p[0] as number);
    expect(d.ids).toEqual([2, 4, 0]);
    expect(d.probs[2]).toBeCloseTo((p[0] as number) / kept, 12);
  });

  it("top-p keeps the smallest prefix reaching p", () => {
    const p = softmax(logits, 1);
    // p[2] = p[4] ≈ 0.37 each: one is below 0.5, two reach it.
    expect(filteredDistribution(logits, { temperature: 1, topK: 0, topP: 0.5 }).ids).toEqual([2, 4]);
    expect(filteredDistribution(logits, { temperature: 1, topK: 0, topP: (p[2] as number) * 0.99 }).ids).toEqual([2]);
  });

  it("pick inverts the CDF", () => {
    const d = { ids: [7, 8, 9], probs: [0.5, 0.25, 0.25] };
    expect(pick(d, 0)).toBe(7);
    expect(pick(d, 0.4999)).toBe(7);
    expect(pick(d, 0.5)).toBe(8);
    expect(pick(d, 0.9999)).toBe(9);
  });

  it("draws with the softmax frequencies (20 000 draws, within 1.5 points)", () => {
    const rng = new SeededRng(4);
    const counts = new Array<number>(logits.length).fill(0);
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      const id = sampleToken(logits, { temperature: 1.3, topK: 0, topP: 1 }, () => rng.uniform());
      counts[id] = (counts[id] as number) + 1;
    }
    softmax(logits, 1.3).forEach((p, id) => expect(Math.abs((counts[id] as number) / n - p)).toBeLessThan(0.015));
  });
});
