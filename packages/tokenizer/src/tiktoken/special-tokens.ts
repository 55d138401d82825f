import { DisallowedSpecialTokenError, InvalidArgumentError } from "../errors.js";
import type { EncodeOptions } from "../types.js";

/**
 * Finds special-token text anywhere in a string (a global search from any position — never a sticky
 * regex that only sees position 0). When several specials start at the same place the longest wins.
 */
export class SpecialTokenMatcher {
  readonly #regex: RegExp | null;
  readonly #ids: ReadonlyMap<string, number>;
  /** Start of the last match found by find(). */
  index = -1;
  /** Text of the last match found by find(). */
  token = "";
  /** Id of the last match found by find(). */
  id = -1;

  constructor(specials: ReadonlyMap<string, number>) {
    this.#ids = specials;
    const texts = [...specials.keys()].filter((t) => t.length > 0).sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
    this.#regex = texts.length > 0 ? new RegExp(texts.map(escapeRegExp).join("|"), "gu") : null;
  }

  /** Finds the first special token at or after `from`; true if found (see index/token/id). */
  find(text: string, from: number): boolean {
    const regex = this.#regex;
    if (regex === null) return false;
    regex.lastIndex = from;
    const m = regex.exec(text);
    if (m === null) return false;
    this.index = m.index;
    this.token = m[0];
    this.id = this.#ids.get(m[0])!;
    return true;
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");
}

/**
 * Chooses the matcher for one encode call, or null when special-token text is plain text.
 * Throws DisallowedSpecialTokenError for the "error" policy when the text contains one.
 */
export class SpecialTokenPolicies {
  readonly #all: ReadonlyMap<string, number>;
  readonly #allMatcher: SpecialTokenMatcher;
  readonly #subsetMatchers = new Map<string, SpecialTokenMatcher>();

  constructor(specials: ReadonlyMap<string, number>) {
    this.#all = specials;
    this.#allMatcher = new SpecialTokenMatcher(specials);
  }

  /** The matcher whose hits become special ids, or null to treat all text as ordinary. */
  matcherFor(text: string, options: EncodeOptions | undefined): SpecialTokenMatcher | null {
    const policy = options?.special ?? "plain";
    if (policy === "plain" || this.#all.size === 0) return null;
    const matcher = options?.specialTokens === undefined ? this.#allMatcher : this.#subset(options.specialTokens);
    if (policy === "error") {
      if (matcher.find(text, 0)) throw new DisallowedSpecialTokenError(matcher.token, matcher.index);
      return null;
    }
    return matcher;
  }

  #subset(names: readonly string[]): SpecialTokenMatcher {
    const key = names.join("\u0000");
    let matcher = this.#subsetMatchers.get(key);
    if (matcher === undefined) {
      const subset = new Map<string, number>();
      for (const name of names) {
        const id = this.#all.get(name);
        if (id === undefined)
          throw new InvalidArgumentError("options.specialTokens", `${JSON.stringify(name)} is not a special token of this tokenizer`);
        subset.set(name, id);
      }
      matcher = new SpecialTokenMatcher(subset);
      if (this.#subsetMatchers.size > 64) this.#subsetMatchers.clear();
      this.#subsetMatchers.set(key, matcher);
    }
    return matcher;
  }
}
