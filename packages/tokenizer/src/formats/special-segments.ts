// Splitting input text at special-token text, per the caller's SpecialTokenPolicy (see types.ts), for
// the SentencePiece-family formats (llama2.c, .model). Matching is the tiktoken module's
// SpecialTokenPolicies: a global search from any position, the longest token first at one position.

import { SpecialTokenPolicies } from "../tiktoken/special-tokens.js";
import type { EncodeOptions } from "../types.js";

/** One piece of the input: ordinary text (`id` undefined) or a special token. */
export interface TextSegment {
  /** UTF-16 offset of the segment in the input. */
  start: number;
  text: string;
  /** The special token's id, or undefined for ordinary text. */
  id: number | undefined;
}

export class SpecialTokenSplitter {
  readonly #policies: SpecialTokenPolicies;

  constructor(specials: ReadonlyMap<string, number>) {
    this.#policies = new SpecialTokenPolicies(specials);
  }

  /** The segments of `text` under `options.special` / `options.specialTokens` (default: all plain text). */
  split(text: string, options: EncodeOptions | undefined): TextSegment[] {
    const matcher = this.#policies.matcherFor(text, options);
    if (matcher === null) return [{ start: 0, text, id: undefined }];
    const segments: TextSegment[] = [];
    let from = 0;
    while (matcher.find(text, from)) {
      if (matcher.index > from) segments.push({ start: from, text: text.slice(from, matcher.index), id: undefined });
      segments.push({ start: matcher.index, text: matcher.token, id: matcher.id });
      from = matcher.index + matcher.token.length;
    }
    if (from < text.length || segments.length === 0) segments.push({ start: from, text: text.slice(from), id: undefined });
    return segments;
  }
}
