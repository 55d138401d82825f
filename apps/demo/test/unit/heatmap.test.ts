import { describe, expect, it } from "vitest";
import { averageHeads, cellAt, checkAttentionData, headMatrix, heatmapPixels, rowSumError, upperTriangleMax, weightColor } from "../../src/logic/heatmap.js";

/** [layers, heads, T, T] filled with a known function of the indices. */
function attention(layers: number, heads: number, T: number, f: (l: number, h: number, r: number, c: number) => number) {
  const weights = new Float32Array(layers * heads * T * T);
  for (let l = 0; l < layers; l++)
    for (let h = 0; h < heads; h++) for (let r = 0; r < T; r++) for (let c = 0; c < T; c++) weights[((l * heads + h) * T + r) * T + c] = f(l, h, r, c);
  return { layers, heads, T, weights };
}

describe("attention slicing", () => {
  const a = attention(3, 4, 5, (l, h, r, c) => 1000 * l + 100 * h + 10 * r + c);

  it("headMatrix returns the [T, T] block of (layer, head)", () => {
    const m = headMatrix(a, 2, 3);
    expect(m.length).toBe(25);
    expect(m[0]).toBe(2300);
    expect(m[1 * 5 + 4]).toBe(2314);
  });

  it("headMatrix rejects a layer or head outside the model, naming it", () => {
    expect(() => headMatrix(a, 3, 0)).toThrow(/layer 3 outside 0..2/);
    expect(() => headMatrix(a, 0, -1)).toThrow(/head -1 outside 0..3/);
  });

  it("averageHeads is the float64 mean over heads", () => {
    const avg = averageHeads(a, 1);
    for (let r = 0; r < 5; r++)
      for (let c = 0; c < 5; c++) {
        let s = 0;
        for (let h = 0; h < 4; h++) s += 1000 + 100 * h + 10 * r + c;
        expect(avg[r * 5 + c]).toBeCloseTo(s / 4, 3);
      }
  });

  it("checkAttentionData names the expected and actual sizes", () => {
    expect(() => checkAttentionData({ layers: 2, heads: 2, T: 3, weights: new Float32Array(35) })).toThrow(/2×2×3×3 = 36 values, got 35/);
  });
});

describe("causal checks", () => {
  it("upperTriangleMax is 0 for a causal softmax and sees a single leak", () => {
    const T = 6;
    const causal = new Float32Array(T * T);
    for (let r = 0; r < T; r++) for (let c = 0; c <= r; c++) causal[r * T + c] = 1 / (r + 1);
    expect(upperTriangleMax(causal, T)).toBe(0);
    expect(rowSumError(causal, T)).toBeLessThan(1e-6);
    causal[1 * T + 4] = -0.25;
    expect(upperTriangleMax(causal, T)).toBe(0.25);
    expect(rowSumError(causal, T)).toBeCloseTo(0.25, 6);
  });
});

describe("colours and pixels", () => {
  it("maps 0 to white and 1 to the darkest colour, darker as the weight grows", () => {
    expect(weightColor(0)).toEqual([255, 255, 255]);
    expect(weightColor(1)).toEqual([103, 0, 13]);
    const lum = (w: number) => weightColor(w).reduce((a, b) => a + b, 0);
    for (let w = 0.05; w <= 1; w += 0.05) expect(lum(w)).toBeLessThan(lum(w - 0.05));
  });

  it("clamps out-of-range and non-finite weights", () => {
    expect(weightColor(-3)).toEqual([255, 255, 255]);
    expect(weightColor(7)).toEqual([103, 0, 13]);
    expect(weightColor(Number.NaN)).toEqual([255, 255, 255]);
  });

  it("heatmapPixels writes one opaque RGBA pixel per cell in row-major order", () => {
    const px = heatmapPixels(new Float32Array([0, 1, 0.5, 0]), 2);
    expect(Array.from(px.subarray(0, 8))).toEqual([255, 255, 255, 255, 103, 0, 13, 255]);
    expect(Array.from(px.subarray(8, 12))).toEqual([...weightColor(0.5), 255]);
    expect(px.length).toBe(16);
  });

  it("cellAt maps pointer positions to (row, col) and refuses points outside", () => {
    expect(cellAt(0, 0, 100, 10)).toEqual({ row: 0, col: 0 });
    expect(cellAt(99.9, 45, 100, 10)).toEqual({ row: 4, col: 9 });
    expect(cellAt(100, 5, 100, 10)).toBeUndefined();
    expect(cellAt(-1, 5, 100, 10)).toBeUndefined();
    expect(cellAt(5, 5, 100, 0)).toBeUndefined();
  });
});
