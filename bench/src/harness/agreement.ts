// The agreement check: before timing, every impl's output is compared with the reference impl's
// (the JS twin when there is one), so a fast wrong kernel shows up as a failed check, not a win.
import type { AgreementCheck } from "../types.js";

/** max |out − ref| / max |ref| (NaN or a length mismatch gives Infinity). */
export function maxRelativeError(out: ArrayLike<number>, ref: ArrayLike<number>): number {
  if (out.length !== ref.length) return Infinity;
  let scale = 0;
  for (let i = 0; i < ref.length; i++) scale = Math.max(scale, Math.abs(ref[i]));
  let err = 0;
  for (let i = 0; i < ref.length; i++) {
    const d = Math.abs(out[i] - ref[i]);
    if (!(d <= err)) err = Number.isNaN(d) ? Infinity : d;
  }
  return scale === 0 ? err : err / scale;
}

export function agreement(reference: string, out: ArrayLike<number>, ref: ArrayLike<number>, tolerance: number): AgreementCheck {
  const maxRelErr = maxRelativeError(out, ref);
  return { reference, maxRelErr, ok: maxRelErr <= tolerance };
}
