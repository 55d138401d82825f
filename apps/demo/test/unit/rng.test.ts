import { describe, expect, it } from "vitest";
import { SeededRng } from "../../src/logic/rng.js";

describe("SeededRng", () => {
  it("repeats a sequence for a seed", () => {
    const a = new SeededRng(99);
    const b = new SeededRng(99);
    for (let i = 0; i < 100; i++) expect(a.uniform()).toBe(b.uniform());
  });

  it("gives uniforms in [0, 1) with mean 1/2 and normals with mean 0, variance 1", () => {
    const r = new SeededRng(5);
    let s = 0;
    let min = 1;
    let max = 0;
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      const u = r.uniform();
      s += u;
      min = Math.min(min, u);
      max = Math.max(max, u);
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(Math.abs(s / n - 0.5)).toBeLessThan(0.005);
    let m = 0;
    let m2 = 0;
    for (let i = 0; i < n; i++) {
      const z = r.normal();
      m += z;
      m2 += z * z;
    }
    expect(Math.abs(m / n)).toBeLessThan(0.01);
    expect(Math.abs(m2 / n - 1)).toBeLessThan(0.02);
  });

  it("rejects seeds that are not 32-bit unsigned integers", () => {
    expect(() => new SeededRng(-1)).toThrow(/seed must be an integer/);
    expect(() => new SeededRng(1.5)).toThrow(/seed must be an integer/);
  });
});
