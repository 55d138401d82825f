import { describe, expect, it } from "vitest";
import { placeAttentionChunk } from "../../src/logic/attention-maps.js";

/** The value a chunk carries for (layer, head, row, key): distinct, so any misplacement shows. */
const value = (l: number, h: number, row: number, key: number) => 1 + l * 1000 + h * 100 + row * 10 + key;

/** What the model reports for rows pos0..pos0+Tc-1: [heads, Tc, kvLen], zero above the diagonal. */
function chunk(l: number, heads: number, pos0: number, Tc: number): Float32Array {
  const kvLen = pos0 + Tc;
  const w = new Float32Array(heads * Tc * kvLen);
  for (let h = 0; h < heads; h++)
    for (let r = 0; r < Tc; r++)
      for (let k = 0; k <= pos0 + r; k++) w[(h * Tc + r) * kvLen + k] = value(l, h, pos0 + r, k);
  return w;
}

describe("placeAttentionChunk", () => {
  it("assembles [layers, heads, T, T] from prefill chunks of any size, leaving the upper triangle zero", () => {
    const layers = 2;
    const heads = 3;
    const T = 7;
    const out = new Float32Array(layers * heads * T * T);
    for (let l = 0; l < layers; l++)
      for (const [pos0, Tc] of [[0, 3], [3, 3], [6, 1]] as const) placeAttentionChunk(out, { layers, heads, T }, l, chunk(l, heads, pos0, Tc), { T: Tc, kvLen: pos0 + Tc, pos0 });
    for (let l = 0; l < layers; l++)
      for (let h = 0; h < heads; h++)
        for (let r = 0; r < T; r++)
          for (let k = 0; k < T; k++) expect(out[((l * heads + h) * T + r) * T + k]).toBe(k <= r ? value(l, h, r, k) : 0);
  });

  it("refuses chunks that do not fit, naming the sizes", () => {
    const out = new Float32Array(1 * 1 * 4 * 4);
    expect(() => placeAttentionChunk(out, { layers: 1, heads: 1, T: 4 }, 1, new Float32Array(16), { T: 4, kvLen: 4, pos0: 0 })).toThrow(/layer 1 outside 0..0/);
    expect(() => placeAttentionChunk(out, { layers: 1, heads: 1, T: 4 }, 0, new Float32Array(25), { T: 2, kvLen: 5, pos0: 3 })).toThrow(/exceeds 4 tokens/);
    expect(() => placeAttentionChunk(out, { layers: 1, heads: 1, T: 4 }, 0, new Float32Array(3), { T: 2, kvLen: 2, pos0: 0 })).toThrow(/3 weights for 1 heads × 2 rows × 2 keys/);
    expect(() => placeAttentionChunk(new Float32Array(5), { layers: 1, heads: 1, T: 4 }, 0, new Float32Array(4), { T: 1, kvLen: 1, pos0: 0 })).toThrow(/out has 5 values, expected 16/);
  });
});
