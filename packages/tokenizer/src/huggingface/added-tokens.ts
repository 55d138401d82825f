// Added tokens (tokenizer.json "added_tokens"): matched in the text before normalization (or in the
// normalized text when `normalized` is true), leftmost-longest. Special ones follow the caller's
// SpecialTokenPolicy; ordinary added tokens are always matched, as in Hugging Face.

import { DisallowedSpecialTokenError, InvalidArgumentError } from "../errors.js";
import type { EncodeOptions } from "../types.js";
import type { JsonNode } from "./json.js";

export interface AddedToken {
  id: number;
  content: string;
  singleWord: boolean;
  lstrip: boolean;
  rstrip: boolean;
  normalized: boolean;
  special: boolean;
}

export function readAddedTokens(node: JsonNode): AddedToken[] {
  if (node.isNull) return [];
  return node.array().map((t) => ({
    id: t.get("id").tokenId(),
    content: t.get("content").string(),
    singleWord: t.get("single_word").boolean(false),
    lstrip: t.get("lstrip").boolean(false),
    rstrip: t.get("rstrip").boolean(false),
    normalized: t.get("normalized").boolean(false),
    special: t.get("special").boolean(false),
  }));
}

/**
 * The ids Hugging Face gives added tokens when it loads a file (AddedVocabulary::add_tokens): a token
 * whose text is in the model's vocabulary takes that id; the others are numbered on from the model's
 * vocabulary size (or the largest added id + 1), in file order — the "id" fields are not read back.
 * Repeated tokens are dropped.
 */
export function assignAddedTokenIds(tokens: readonly AddedToken[], modelId: (content: string) => number | undefined, modelEntries: number): AddedToken[] {
  const out: AddedToken[] = [];
  const seen = new Set<string>();
  let maxAdded = -1;
  for (const t of tokens) {
    if (t.content.length === 0) continue;
    const key = JSON.stringify([t.content, t.singleWord, t.lstrip, t.rstrip, t.normalized, t.special]);
    if (seen.has(key)) continue;
    seen.add(key);
    const id = modelId(t.content) ?? (maxAdded >= modelEntries || modelEntries === 0 ? maxAdded + 1 : modelEntries);
    maxAdded = Math.max(maxAdded, id);
    out.push({ ...t, id });
  }
  return out;
}

/** A piece of text between added tokens, or an added token (`id` set). */
export interface Piece {
  start: number;
  end: number;
  id: number | undefined;
}

const WORD = /^[\p{L}\p{N}\p{M}\p{Pc}]$/u;
const SPACE = /^[\t\n\v\f\r \x85\xA0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]$/u;

/** Finds a fixed set of added tokens in text. */
export class AddedTokenMatcher {
  readonly #regex: RegExp | null;
  readonly #byContent = new Map<string, AddedToken>();

  constructor(tokens: readonly AddedToken[]) {
    for (const t of tokens) if (t.content.length > 0 && !this.#byContent.has(t.content)) this.#byContent.set(t.content, t);
    const sorted = [...this.#byContent.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
    this.#regex = sorted.length === 0 ? null : new RegExp(sorted.map((s) => s.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&")).join("|"), "gu");
  }

  /** The first match at or after `from` that satisfies single_word, with lstrip/rstrip applied. */
  find(text: string, from: number): (Piece & { token: AddedToken }) | null {
    const regex = this.#regex;
    if (regex === null) return null;
    regex.lastIndex = from;
    for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
      const token = this.#byContent.get(m[0])!;
      let start = m.index;
      let end = start + m[0].length;
      if (token.singleWord) {
        const before = start > 0 ? String.fromCodePoint(text.codePointAt(start - 1)!) : "";
        const after = end < text.length ? String.fromCodePoint(text.codePointAt(end)!) : "";
        if (WORD.test(before) || WORD.test(after)) {
          regex.lastIndex = m.index + 1;
          continue;
        }
      }
      if (token.lstrip) while (start > from && SPACE.test(text[start - 1])) start--;
      if (token.rstrip) while (end < text.length && SPACE.test(text[end])) end++;
      return { start, end, id: token.id, token };
    }
    return null;
  }

  /** Splits text[from, to) into ordinary pieces and added tokens. */
  split(text: string, from = 0, to = text.length): Piece[] {
    const pieces: Piece[] = [];
    let at = from;
    const slice = to === text.length ? text : text.slice(0, to);
    for (let m = this.find(slice, at); m !== null; m = this.find(slice, at)) {
      if (m.start > at) pieces.push({ start: at, end: m.start, id: undefined });
      pieces.push({ start: m.start, end: m.end, id: m.id });
      at = m.end;
    }
    if (at < to || pieces.length === 0) pieces.push({ start: at, end: to, id: undefined });
    return pieces;
  }
}

/** The matchers for each SpecialTokenPolicy. */
export class AddedVocabulary {
  readonly tokens: readonly AddedToken[];
  readonly #raw: AddedToken[];
  readonly #ordinaryOnly: AddedTokenMatcher;
  readonly #all: AddedTokenMatcher;
  readonly #normalized: AddedTokenMatcher;
  readonly #specials: AddedTokenMatcher;
  readonly #subsets = new Map<string, AddedTokenMatcher>();

  constructor(tokens: readonly AddedToken[]) {
    this.tokens = tokens;
    this.#raw = tokens.filter((t) => !t.normalized || t.special);
    this.#ordinaryOnly = new AddedTokenMatcher(this.#raw.filter((t) => !t.special));
    this.#all = new AddedTokenMatcher(this.#raw);
    this.#normalized = new AddedTokenMatcher(tokens.filter((t) => t.normalized && !t.special));
    this.#specials = new AddedTokenMatcher(tokens.filter((t) => t.special));
  }

  /** The matcher for raw text under the options' policy (throws for "error" when a special token is present). */
  rawMatcher(text: string, options: EncodeOptions | undefined): AddedTokenMatcher {
    const policy = options?.special ?? "plain";
    if (policy === "plain") return this.#ordinaryOnly;
    const names = options?.specialTokens;
    if (policy === "error") {
      const specials = names === undefined ? this.#specials : this.#subset(names, true);
      const m = specials.find(text, 0);
      if (m !== null) throw new DisallowedSpecialTokenError(m.token.content, m.start);
      return this.#ordinaryOnly;
    }
    return names === undefined ? this.#all : this.#subset(names, false);
  }

  /** Ordinary added tokens with normalized: true, matched in normalized text. */
  get normalizedMatcher(): AddedTokenMatcher {
    return this.#normalized;
  }

  #subset(names: readonly string[], specialsOnly: boolean): AddedTokenMatcher {
    const key = `${specialsOnly ? 1 : 0}\u0000${names.join("\u0000")}`;
    let matcher = this.#subsets.get(key);
    if (matcher === undefined) {
      const chosen = names.map((name) => {
        const t = this.tokens.find((x) => x.special && x.content === name);
        if (t === undefined) throw new InvalidArgumentError("options.specialTokens", `${JSON.stringify(name)} is not a special token of this tokenizer`);
        return t;
      });
      matcher = new AddedTokenMatcher(specialsOnly ? chosen : [...this.#raw.filter((t) => !t.special), ...chosen]);
      if (this.#subsets.size > 64) this.#subsets.clear();
      this.#subsets.set(key, matcher);
    }
    return matcher;
  }
}
