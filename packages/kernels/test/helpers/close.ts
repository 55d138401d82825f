// Element-wise comparison against a float64 reference with a per-element error bound.
import { expect } from "vitest";

/**
 * Asserts |actual[i] − ref[i]| ≤ tol(i) for every i (NaN never passes). On failure reports the
 * worst element relative to its bound.
 */
export function expectClose(actual: ArrayLike<number>, ref: ArrayLike<number>, tol: (i: number) => number, label = ""): void {
  expect(actual.length, `${label} length`).toBe(ref.length);
  let worst = -1;
  let worstRatio = 1;
  for (let i = 0; i < ref.length; i++) {
    const err = Math.abs(actual[i]! - ref[i]!);
    const t = tol(i);
    const ratio = err / t;
    if (!(err <= t) && (worst < 0 || !(ratio <= worstRatio))) {
      worst = i;
      worstRatio = ratio;
    }
  }
  if (worst >= 0)
    expect.fail(
      `${label}: element ${worst}: got ${actual[worst]}, want ${ref[worst]} ± ${tol(worst)} (error ${Math.abs(actual[worst]! - ref[worst]!)}, ${worstRatio.toFixed(2)}× the bound)`,
    );
}
