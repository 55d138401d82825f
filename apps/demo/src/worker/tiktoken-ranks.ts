// Built-in tiktoken encodings. The rank data is js-tiktoken's (an npm dependency, never committed here),
// imported with literal specifiers so Vite splits each vocabulary into its own lazily loaded chunk.

import { TIKTOKEN_ENCODINGS, type Tokenizer, createEncoding } from "@wasmformer/tokenizer";
import type { TiktokenName } from "../protocol.js";

interface CompactRanks {
  pat_str: string;
  special_tokens: Record<string, number>;
  bpe_ranks: string;
}

const RANK_DATA: Record<TiktokenName, () => Promise<{ default: CompactRanks }>> = {
  r50k_base: () => import("js-tiktoken/ranks/r50k_base"),
  p50k_base: () => import("js-tiktoken/ranks/p50k_base"),
  cl100k_base: () => import("js-tiktoken/ranks/cl100k_base"),
  o200k_base: () => import("js-tiktoken/ranks/o200k_base"),
};

const loaded = new Map<TiktokenName, Promise<Tokenizer>>();

export function tiktokenEncoding(name: TiktokenName): Promise<Tokenizer> {
  let t = loaded.get(name);
  if (!t) {
    const load = RANK_DATA[name];
    if (!load) return Promise.reject(new RangeError(`unknown tiktoken encoding ${JSON.stringify(name)}`));
    t = load().then((m) => createEncoding(TIKTOKEN_ENCODINGS[name], m.default));
    loaded.set(name, t);
    t.catch(() => loaded.delete(name));
  }
  return t;
}
