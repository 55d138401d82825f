// Hugging Face's BPE model (models/bpe): byte-level (GPT-2, Llama 3, Qwen, GPT-4o files) and
// SentencePiece-style with byte fallback (Llama 2 files). Merges go through the shared BpeMerger:
// rank = the merge's line in `merges`, lowest first, leftmost among equals (Word::merge_all).

import { BpeMerger, type MergeRules, NO_MERGE } from "../../bpe/merge.js";
import { WordCache } from "../../bpe/word-cache.js";
import { InvalidArgumentError } from "../../errors.js";
import { JsonNode, MAX_TOKEN_ID } from "../json.js";
import { type Model, bytePiece, vocabularyOf } from "./model.js";
import { PairTable } from "../../bpe/pair-table.js";

export interface BpeOptions {
  unkToken: string | undefined;
  continuingSubwordPrefix: string;
  endOfWordSuffix: string;
  fuseUnk: boolean;
  byteFallback: boolean;
  ignoreMerges: boolean;
}

const encoder = new TextEncoder();
const SPACE_MARK = "\u2581";

export class BpeModel implements Model {
  readonly size: number;
  readonly entries: number;
  readonly options: BpeOptions;
  readonly #ids: Map<string, number>;
  readonly #tokens: (string | undefined)[];
  readonly #unkId: number | undefined;
  readonly #merger = new BpeMerger();
  readonly #rules: MergeRules;
  readonly #cache = new WordCache();
  /** Set when no token has "▁" after another character: long inputs are then merged word by word (same ids). */
  readonly #wordsAreIndependent: boolean;
  #symbols = new Int32Array(64);
  #symbolUnit = new Int32Array(64);

  /** `fail(field, problem)` reports a file error (the builder passes one that names the JSON path). */
  constructor(
    vocab: [string, number][],
    merges: [string, string][],
    options: BpeOptions,
    fail: (field: string, problem: string) => never = (field, problem) => {
      throw new InvalidArgumentError(field, problem);
    },
  ) {
    this.options = options;
    const { ids, tokens } = vocabularyOf(vocab);
    this.#ids = ids;
    this.#tokens = tokens;
    this.size = tokens.length;
    this.entries = ids.size;
    const prefixLength = options.continuingSubwordPrefix.length;
    const pairs = new PairTable(merges.length);
    for (let rank = 0; rank < merges.length; rank++) {
      const [left, right] = merges[rank];
      const l = ids.get(left);
      const r = ids.get(right);
      const merged = ids.get(left + right.slice(prefixLength));
      if (l === undefined || r === undefined || merged === undefined)
        fail("merges", `merge ${rank} "${left} ${right}" uses a token that is not in the vocabulary`);
      else pairs.add(l, r, rank, merged);
    }
    if (options.unkToken !== undefined) {
      this.#unkId = ids.get(options.unkToken);
      if (this.#unkId === undefined) fail("unk_token", `the unknown token ${JSON.stringify(options.unkToken)} is not in the vocabulary`);
    }
    this.#wordsAreIndependent =
      ids.has(SPACE_MARK) && prefixLength === 0 && options.endOfWordSuffix === "" && !vocab.some(([t]) => /[^\u2581]\u2581/u.test(t));
    this.#rules = {
      rank: (left, right) => {
        const rank = pairs.rank(left, right);
        return rank < 0 ? NO_MERGE : rank;
      },
      merged: (left, right) => pairs.merged(left, right),
    };
  }

  tokenToId(token: string): number | undefined {
    return this.#ids.get(token);
  }

  idToToken(id: number): string | undefined {
    return this.#tokens[id];
  }

  tokenize(text: string, ids: number[], ranges: number[] | null): void {
    if (text.length === 0) return;
    if (this.#wordsAreIndependent && text.length > 64 && !(this.options.ignoreMerges && this.#ids.has(text))) {
      // Words start at a "▁" that follows another character; no merge can cross that boundary.
      for (let from = 0; from < text.length; ) {
        let to = from;
        while (to < text.length && text.charCodeAt(to) === 0x2581) to++;
        while (to < text.length && text.charCodeAt(to) !== 0x2581) to++;
        const local: number[] | null = ranges === null ? null : [];
        this.#tokenizeWord(text.slice(from, to), ids, local);
        if (ranges !== null && local !== null) for (const r of local) ranges.push(r + from);
        from = to;
      }
      return;
    }
    this.#tokenizeWord(text, ids, ranges);
  }

  #tokenizeWord(text: string, ids: number[], ranges: number[] | null): void {
    if (ranges === null) {
      const cached = this.#cache.get(text);
      if (cached !== undefined) {
        if (typeof cached === "number") ids.push(cached);
        else for (const id of cached) ids.push(id);
        return;
      }
    }
    const whole = this.options.ignoreMerges ? this.#ids.get(text) : undefined;
    if (whole !== undefined) {
      ids.push(whole);
      ranges?.push(0, text.length);
      if (ranges === null) this.#cache.set(text, whole);
      return;
    }
    const n = this.#initialSymbols(text);
    const merger = this.#merger;
    const k = merger.run(this.#symbols, n, this.#rules);
    const { output, outputStart } = merger;
    const first = ids.length;
    for (let t = 0; t < k; t++) {
      ids.push(output[t]);
      if (ranges !== null) ranges.push(this.#symbolUnit[outputStart[t]], t + 1 < k ? this.#symbolUnit[outputStart[t + 1]] : text.length);
    }
    if (ranges === null) this.#cache.set(text, k === 1 ? output[0] : ids.slice(first));
  }

  /** One symbol per character (prefix/suffix added), byte fallback or <unk> for unknown ones. */
  #initialSymbols(text: string): number {
    const { continuingSubwordPrefix: prefix, endOfWordSuffix: suffix, byteFallback, fuseUnk } = this.options;
    const capacity = text.length * 4 * (1 + prefix.length) + 4 * suffix.length + 8;
    if (this.#symbols.length < capacity) {
      this.#symbols = new Int32Array(capacity);
      this.#symbolUnit = new Int32Array(capacity);
    }
    const symbols = this.#symbols;
    const units = this.#symbolUnit;
    let n = 0;
    let unkOpen = false; // the last symbol is an <unk> that absorbs the next unknown character (fuse_unk)
    for (let i = 0; i < text.length; ) {
      const c = text.charCodeAt(i);
      const end = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? i + 2 : i + 1;
      let s = text.slice(i, end);
      if (i > 0 && prefix !== "") s = prefix + s;
      if (end === text.length && suffix !== "") s += suffix;
      const id = this.#ids.get(s);
      const fallback = id === undefined && byteFallback ? this.#byteIds(s) : null;
      if (id !== undefined || fallback !== null) {
        for (const sym of fallback ?? [id!]) {
          symbols[n] = sym;
          units[n++] = i;
        }
        unkOpen = false;
      } else if (this.#unkId !== undefined) {
        if (!(unkOpen && fuseUnk)) {
          symbols[n] = this.#unkId;
          units[n++] = i;
        }
        unkOpen = true;
      }
      // Without byte fallback or <unk> an unknown character is dropped, as in Hugging Face.
      i = end;
    }
    return n;
  }

  /** The <0xNN> ids of `s`'s UTF-8 bytes, or null if one is missing. */
  #byteIds(s: string): number[] | null {
    const out: number[] = [];
    for (const b of encoder.encode(s)) {
      const id = this.#ids.get(bytePiece(b));
      if (id === undefined) return null;
      out.push(id);
    }
    return out;
  }
}

export function buildBpeModel(node: JsonNode): BpeModel {
  const dropout = node.get("dropout");
  if (!dropout.isNull && dropout.number() > 0) dropout.unsupported("BPE dropout (random merges) is not supported");
  const vocab = readVocab(node.get("vocab"));
  const mergesNode = node.get("merges");
  const raw = mergesNode.value;
  if (!Array.isArray(raw)) return mergesNode.fail("expected an array of merges");
  // Read directly (a JsonNode per merge costs more than the merges); errors name merges[i].
  const merges = raw.map((m, i): [string, string] => {
    if (typeof m === "string") {
      const space = m.indexOf(" ");
      if (space >= 0) return [m.slice(0, space), m.slice(space + 1)];
    } else if (Array.isArray(m) && m.length === 2 && typeof m[0] === "string" && typeof m[1] === "string") return [m[0], m[1]];
    return new JsonNode(m, `${mergesNode.path}[${i}]`, mergesNode.file).fail(`expected "left right" or [left, right], found ${JSON.stringify(m)}`);
  });
  return new BpeModel(
    vocab,
    merges,
    {
      unkToken: node.get("unk_token").optionalString(),
      continuingSubwordPrefix: node.get("continuing_subword_prefix").string(""),
      endOfWordSuffix: node.get("end_of_word_suffix").string(""),
      fuseUnk: node.get("fuse_unk").boolean(false),
      byteFallback: node.get("byte_fallback").boolean(false),
      ignoreMerges: node.get("ignore_merges").boolean(false),
    },
    (field, problem) => node.get(field).fail(problem),
  );
}

/** The `vocab` object (token → id), read directly; ids must be token ids (see JsonNode.tokenId). */
export function readVocab(node: JsonNode): [string, number][] {
  const raw = node.value;
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return node.fail("expected an object of token → id");
  const out: [string, number][] = [];
  for (const token of Object.keys(raw)) {
    const id = raw[token];
    if (typeof id !== "number" || !Number.isInteger(id) || id < 0 || id > MAX_TOKEN_ID) node.get(token).tokenId();
    out.push([token, id as number]);
  }
  return out;
}

