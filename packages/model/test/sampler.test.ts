// Samplers: the everyday one against float64 math written here, and run.c's sampler end to end on
// stories260K against the story run.c prints for -t 1.0 -p 0.9 -s 133742.
import { createKernels } from "@wasmformer/kernels";
import { describe, expect, it } from "vitest";
import { ModelInputError, XorShiftRng, createLlama2cSampler, createSampler, distribution, loadLlama2cCheckpoint } from "../src/index.js";
import { rankOrder } from "../src/rank-order.js";
import { checkpointBytes, tokenizer } from "./support/llama2c.js";

const logits = Float32Array.from([2.0, 1.0, 0.5, -1.0, 3.0, 0.0, -Infinity]);

function softmax64(x: ArrayLike<number>, t: number): number[] {
  const m = Math.max(...Array.from(x));
  const e = Array.from(x, (v) => Math.exp((v - m) / t));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

describe("distribution and cuts", () => {
  it("is softmax(logits / T) in float64, -Infinity masked to 0", () => {
    const p = distribution(logits, { temperature: 0.7 });
    softmax64(logits, 0.7).forEach((v, i) => expect(p[i]).toBeCloseTo(v, 12));
    expect(p[6]).toBe(0);
  });

  it("top-k keeps the k largest, renormalised", () => {
    const p = distribution(logits, { topK: 2 });
    const ref = softmax64(logits, 1);
    const z = ref[4]! + ref[0]!;
    expect(Array.from(p)).toEqual([ref[0]! / z, 0, 0, 0, ref[4]! / z, 0, 0].map((v) => expect.closeTo(v, 12)));
  });

  it("top-p keeps the smallest prefix reaching the mass; min-p drops tokens under minP·pmax", () => {
    const ref = softmax64(logits, 1); // sorted: 4 (0.61), 0 (0.22), 1 (0.08) ...
    const p = distribution(logits, { topP: 0.8 });
    expect(p[4]! + p[0]!).toBeCloseTo(1, 12);
    expect(p[1]).toBe(0);
    const q = distribution(logits, { minP: 0.1 });
    for (let i = 0; i < ref.length; i++) expect(q[i]! > 0).toBe(ref[i]! >= 0.1 * ref[4]!);
  });

  it("draws tokens with the frequencies of the distribution (seeded, chi-square-sized tolerance)", () => {
    const sampler = createSampler({ temperature: 1, seed: 42 });
    const counts = new Array<number>(logits.length).fill(0);
    const N = 20000;
    for (let i = 0; i < N; i++) counts[sampler.sample(logits).id]!++;
    softmax64(logits, 1).forEach((p, i) => expect(Math.abs(counts[i]! / N - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / N) + 1e-9));
  });

  it("greedy at temperature 0; the same seed gives the same draws; penalties lower repeated tokens", () => {
    expect(createSampler({ temperature: 0 }).sample(logits).id).toBe(4);
    const a = createSampler({ seed: 7 });
    const b = createSampler({ seed: 7 });
    for (let i = 0; i < 50; i++) expect(a.sample(logits).id).toBe(b.sample(logits).id);
    expect(createSampler({ temperature: 0, repetitionPenalty: 2 }).sample(logits, [4]).id).toBe(0); // 3/2 < 2
  });

  it("refuses out-of-range options with a typed error", () => {
    expect(() => createSampler({ topP: 1.5 })).toThrow(ModelInputError);
    expect(() => createSampler({ temperature: -1 })).toThrow(/temperature/);
    expect(() => createSampler({ temperature: 0 }).sample(Float32Array.from([NaN, 1]))).toThrow(/NaN/);
  });
});

describe("rank order (the top-k / top-p / most-likely order)", () => {
  it("equals a full sort by probability then id, for any k, with ties and a 32 000-token vocabulary", () => {
    let seed = 7;
    const random = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (const n of [1, 5, 64, 65, 32000]) {
      // Values from a small set, so ties are everywhere.
      const p = Float64Array.from({ length: n }, () => Math.floor(random() * 50) / 50);
      const sorted = Array.from({ length: n }, (_, i) => i).sort((a, b) => p[b]! - p[a]! || a - b);
      for (const k of [0, 1, 2, 10, 40, 64, 65, 100, n - 1, n, n + 5]) {
        if (k < 0) continue;
        expect(rankOrder(p, k)).toEqual(sorted.slice(0, Math.min(k, n)));
      }
    }
  });

  it("top-p / min-p on a prefilter equal the cuts over the fully sorted vocabulary, bit for bit", () => {
    // The cuts as written before the prefilter: sort everything, walk the prefix.
    const reference = (q: Float64Array, topP: number, minP: number): Float64Array => {
      const p = Float64Array.from(q);
      const order = Array.from(p.keys()).sort((a, b) => p[b]! - p[a]! || a - b);
      let keep = p.length;
      if (topP < 1) {
        let mass = 0;
        for (let i = 0; i < keep; i++) {
          mass += p[order[i]!]!;
          if (mass >= topP) {
            keep = i + 1;
            break;
          }
        }
      }
      if (minP > 0) {
        const floor = minP * p[order[0]!]!;
        while (keep > 1 && p[order[keep - 1]!]! < floor) keep--;
      }
      let sum = 0;
      for (let i = 0; i < keep; i++) sum += p[order[i]!]!;
      const out = new Float64Array(p.length);
      for (let i = 0; i < keep; i++) out[order[i]!] = p[order[i]!]! / sum;
      return out;
    };
    let seed = 11;
    const random = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (const n of [2, 3, 50, 512, 32000]) {
      for (const spread of [0.01, 1, 8]) {
        // Logits on a coarse grid (ties) or spread out; flat distributions make top-p < 1/n cases.
        const x = Float32Array.from({ length: n }, () => Math.round(random() * 20) * spread);
        const full = distribution(x);
        for (const [topP, minP] of [[0.9, 0], [0.5, 0], [0.999, 0], [1e-6, 0], [1 / (2 * n), 0], [1, 0.05], [1, 0.5], [0.95, 0.1]] as const) {
          expect(distribution(x, { topP, minP })).toEqual(reference(full, topP, minP));
        }
      }
    }
  });

  it("top-k through distribution keeps exactly the first k of that order", () => {
    const x = Float32Array.from({ length: 5000 }, (_, i) => Math.sin(i * 0.37) * 4 + ((i * 7919) % 13) * 0.01);
    const full = distribution(x);
    const order = Array.from(full.keys()).sort((a, b) => full[b]! - full[a]! || a - b);
    const cut = distribution(x, { topK: 17 });
    const kept = order.slice(0, 17);
    const mass = kept.reduce((s, id) => s + full[id]!, 0);
    for (let id = 0; id < x.length; id++) expect(cut[id]).toBeCloseTo(kept.includes(id) ? full[id]! / mass : 0, 12);
  });
});

describe("llama2.c sampler", () => {
  it("xorshift64* matches run.c's recurrence computed with 32-bit halves", () => {
    // Independent formulation: the same shifts on a (hi, lo) pair of uint32, product via BigInt only at the end.
    let hi = 0;
    let lo = 133742;
    const rng = new XorShiftRng(133742);
    for (let i = 0; i < 100; i++) {
      // s ^= s >> 12
      lo = (lo ^ ((lo >>> 12) | (hi << 20))) >>> 0;
      hi = (hi ^ (hi >>> 12)) >>> 0;
      // s ^= s << 25
      hi = (hi ^ ((hi << 25) | (lo >>> 7))) >>> 0;
      lo = (lo ^ (lo << 25)) >>> 0;
      // s ^= s >> 27
      lo = (lo ^ ((lo >>> 27) | (hi << 5))) >>> 0;
      hi = (hi ^ (hi >>> 27)) >>> 0;
      const s = (BigInt(hi) << 32n) | BigInt(lo);
      expect(rng.nextU32()).toBe(Number(((s * 0x2545f4914f6cdd1dn) & 0xffffffffffffffffn) >> 32n));
    }
  });

  it("reproduces run.c's story for -t 1.0 -p 0.9 -s 133742 on stories260K", async () => {
    const kernels = await createKernels({ backend: "js" });
    const model = loadLlama2cCheckpoint(checkpointBytes(), { kernels });
    const sampler = createLlama2cSampler({ temperature: 1.0, topP: 0.9, seed: 133742 });
    const ids: number[] = [];
    let token = 1;
    for (let pos = 0; pos < 40; pos++) {
      const next = sampler.sample(model.forward(token, pos)).id;
      if (next === 1) break;
      ids.push(next);
      token = next;
    }
    expect(tokenizer().decode([1, ...ids], { skipSpecial: true })).toMatch(/^Once upon a time, there was a little boy named Timmy\./);
    kernels.dispose();
  });
});
