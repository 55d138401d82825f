// Splitting input text at special-token text, per the caller's SpecialTokenPolicy (see types.ts).
// Used by the SentencePiece-family formats (llama2.c, .model, tokenizer.json). The search is global
// (any position, never a sticky regex); at one position the longest special token wins.

import { DisallowedSpecialTokenError, InvalidArgumentError } from "../errors.js";
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
  readonly #all: ReadonlyMap<string, number>;
  readonly #allRegex: RegExp | null;
  readonly #subsets = new Map<string, RegExp | null>();

  constructor(specials: ReadonlyMap<string, number>) {
    this.#all = specials;
    this.#allRegex = buildRegex([...specials.keys()]);
  }

  /** The segments of `text` under `options.special` / `options.specialTokens` (default: all plain text). */
  split(text: string, options: EncodeOptions | undefined): TextSegment[] {
    const policy = options?.special ?? "plain";
    const regex = policy === "plain" ? null : this.#regexFor(options?.specialTokens);
    if (regex === null) return [{ start: 0, text, id: undefined }];
    regex.lastIndex = 0;
    if (policy === "error") {
      const m = regex.exec(text);
      if (m !== null) throw new DisallowedSpecialTokenError(m[0], m.index);
      return [{ start: 0, text, id: undefined }];
    }
    const segments: TextSegment[] = [];
    let from = 0;
    for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
      if (m.index > from) segments.push({ start: from, text: text.slice(from, m.index), id: undefined });
      segments.push({ start: m.index, text: m[0], id: this.#all.get(m[0]) });
      from = m.index + m[0].length;
    }
    if (from < text.length || segments.length === 0) segments.push({ start: from, text: text.slice(from), id: undefined });
    return segments;
  }

  #regexFor(names: readonly string[] | undefined): RegExp | null {
    if (names === undefined) return this.#allRegex;
    const key = names.join("\u0000");
    let regex = this.#subsets.get(key);
    if (regex === undefined) {
      for (const name of names)
        if (!this.#all.has(name))
          throw new InvalidArgumentError("options.specialTokens", `${JSON.stringify(name)} is not a special token of this tokenizer`);
      regex = buildRegex(names);
      if (this.#subsets.size > 64) this.#subsets.clear();
      this.#subsets.set(key, regex);
    }
    return regex;
  }
}

function buildRegex(texts: readonly string[]): RegExp | null {
  const sorted = texts.filter((t) => t.length > 0).sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
  if (sorted.length === 0) return null;
  return new RegExp(sorted.map((t) => t.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&")).join("|"), "gu");
}
