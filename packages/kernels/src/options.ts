// Validation of KernelsOptions (shared by both entries).

import type { KernelsOptions } from "./api.js";
import { MAX_WASM_BYTES } from "./heap.js";

export const DEFAULT_MAX_MEMORY_BYTES = 2 * 1024 * 1024 * 1024;
export const DEFAULT_INITIAL_MEMORY_BYTES = 16 * 1024 * 1024;

export interface ResolvedMemoryOptions {
  maxMemoryBytes: number;
  initialMemoryBytes: number;
  threads: number;
}

export function resolveMemoryOptions(op: string, o: KernelsOptions): ResolvedMemoryOptions {
  const maxMemoryBytes = o.maxMemoryBytes ?? DEFAULT_MAX_MEMORY_BYTES;
  if (typeof maxMemoryBytes !== "number" || !Number.isInteger(maxMemoryBytes) || maxMemoryBytes < 65536 || maxMemoryBytes > MAX_WASM_BYTES)
    throw new RangeError(`${op}: maxMemoryBytes must be an integer in [65536, ${MAX_WASM_BYTES}], got ${String(maxMemoryBytes)}`);
  const initialMemoryBytes = o.initialMemoryBytes ?? Math.min(DEFAULT_INITIAL_MEMORY_BYTES, maxMemoryBytes);
  if (typeof initialMemoryBytes !== "number" || !Number.isInteger(initialMemoryBytes) || initialMemoryBytes < 0 || initialMemoryBytes > maxMemoryBytes)
    throw new RangeError(`${op}: initialMemoryBytes must be an integer in [0, maxMemoryBytes], got ${String(initialMemoryBytes)}`);
  const threads = o.threads ?? 1;
  if (typeof threads !== "number" || !Number.isInteger(threads) || threads < 1 || threads > 64)
    throw new RangeError(`${op}: threads must be an integer in [1, 64], got ${String(threads)}`);
  return { maxMemoryBytes, initialMemoryBytes, threads };
}
