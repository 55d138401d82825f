import { InvalidArgumentError } from "../errors.js";
import type { TiktokenTokenizer } from "../tiktoken/tokenizer.js";
import { cl100k_base } from "./cl100k_base.js";
import { type AsyncRankSource, loadEncoding } from "./load.js";
import { o200k_base } from "./o200k_base.js";
import { p50k_base } from "./p50k_base.js";
import { p50k_edit } from "./p50k_edit.js";
import { r50k_base } from "./r50k_base.js";
import type { TiktokenEncodingSpec } from "./spec.js";

export { createEncoding, loadEncoding, type RankSource, type AsyncRankSource } from "./load.js";
export type { TiktokenEncodingSpec } from "./spec.js";

/** The ready encodings by name (specs only; rank data is loaded on demand). */
export const TIKTOKEN_ENCODINGS = { r50k_base, p50k_base, p50k_edit, cl100k_base, o200k_base } as const satisfies Record<
  string,
  TiktokenEncodingSpec
>;

export type TiktokenEncodingName = keyof typeof TIKTOKEN_ENCODINGS;

/** A ready encoding by name, e.g. `await getEncoding("cl100k_base")`. See loadEncoding for sources. */
export async function getEncoding(name: TiktokenEncodingName, source?: AsyncRankSource): Promise<TiktokenTokenizer> {
  const spec = Object.hasOwn(TIKTOKEN_ENCODINGS, name) ? TIKTOKEN_ENCODINGS[name] : undefined;
  if (spec === undefined)
    throw new InvalidArgumentError("name", `unknown encoding ${JSON.stringify(name)} (known: ${Object.keys(TIKTOKEN_ENCODINGS).join(", ")})`);
  return loadEncoding(spec, source);
}
