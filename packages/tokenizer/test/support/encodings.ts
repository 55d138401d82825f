import { get_encoding, type Tiktoken, type TiktokenEncoding } from "tiktoken";
import { getEncoding, type TiktokenEncodingName, type TiktokenTokenizer } from "../../src/index.js";

/** Our encoding and the reference (tiktoken npm, the Rust core in WASM), loaded once per test file. */
export async function pair(name: TiktokenEncodingName & TiktokenEncoding): Promise<{ ours: TiktokenTokenizer; ref: Tiktoken }> {
  return { ours: await getEncoding(name), ref: get_encoding(name) };
}

/** tiktoken ids with special-token text treated as plain text. */
export function refPlain(ref: Tiktoken, text: string): Uint32Array {
  return ref.encode(text, [], []);
}

/** tiktoken ids with every special token allowed. */
export function refAllow(ref: Tiktoken, text: string): Uint32Array {
  return ref.encode(text, "all");
}

/** Index of the first difference, or -1. */
export function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}
