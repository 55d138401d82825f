// Composed attention in the external libraries (layout stacking, GQA grouping, causal mask with a
// position offset) against naive float64 attention written here.
import { describe, expect, it } from "vitest";
import { randomFloats } from "../src/data.js";
import { OrtWasm } from "../src/externals/ort.js";
import { TfjsWasm } from "../src/externals/tfjs.js";
import type { AttentionProblem, ExternalLibrary } from "../src/externals/types.js";

function naive(p: AttentionProblem): Float64Array {
  const { T, heads, kvHeads, headDim: d, pos0 } = p;
  const out = new Float64Array(T * heads * d);
  for (let t = 0; t < T; t++) {
    for (let h = 0; h < heads; h++) {
      const g = Math.floor(h / (heads / kvHeads));
      const scores: number[] = [];
      for (let j = 0; j <= pos0 + t; j++) {
        let s = 0;
        for (let c = 0; c < d; c++) s += p.q[(t * heads + h) * d + c] * p.k[(j * kvHeads + g) * d + c];
        scores.push(s / Math.sqrt(d));
      }
      const max = Math.max(...scores);
      const e = scores.map((s) => Math.exp(s - max));
      const z = e.reduce((a, b) => a + b, 0);
      for (let c = 0; c < d; c++) {
        let acc = 0;
        for (let j = 0; j < e.length; j++) acc += (e[j] / z) * p.v[(j * kvHeads + g) * d + c];
        out[(t * heads + h) * d + c] = acc;
      }
    }
  }
  return out;
}

const CASES: Array<Omit<AttentionProblem, "q" | "k" | "v">> = [
  { T: 5, heads: 4, kvHeads: 2, headDim: 8, kvLen: 7, pos0: 2 }, // GQA prefill with an offset
  { T: 6, heads: 1, kvHeads: 1, headDim: 16, kvLen: 6, pos0: 0 }, // plain causal prefill
  { T: 1, heads: 3, kvHeads: 1, headDim: 4, kvLen: 9, pos0: 8 }, // decode, multi-query
];

describe("composed attention in external libraries", () => {
  it.each([["tfjs-wasm"], ["ort-wasm-1t"]])("%s matches float64 attention", async (name) => {
    const lib: ExternalLibrary = name === "tfjs-wasm" ? await TfjsWasm.load() : await OrtWasm.load(1);
    for (const shape of CASES) {
      const p: AttentionProblem = {
        ...shape,
        q: randomFloats(shape.T * shape.heads * shape.headDim, 1),
        k: randomFloats(shape.kvLen * shape.kvHeads * shape.headDim, 2),
        v: randomFloats(shape.kvLen * shape.kvHeads * shape.headDim, 3),
      };
      const op = await lib.attention!(p);
      await op.run();
      const got = await op.output();
      const want = naive(p);
      expect(got.length).toBe(want.length);
      for (let i = 0; i < want.length; i++) expect(Math.abs(got[i] - want[i]), `${JSON.stringify(shape)} [${i}]`).toBeLessThan(1e-5);
      await op.dispose();
    }
  });
});
