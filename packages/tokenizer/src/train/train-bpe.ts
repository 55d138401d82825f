// Byte-level BPE training: learn merges from a corpus until the vocabulary reaches a target size.
//
// ─── Algorithm ────────────────────────────────────────────────────────────────────────────────────
// 1. Pre-tokenize the corpus (regex, as the encoder will) and count distinct words (word-counts.ts).
//    Each word starts as its UTF-8 bytes; ids 0..255 are the bytes themselves.
// 2. Count every adjacent pair over the distinct words (weighted by word frequency) and remember
//    which words contain each pair. Push every pair into a max-priority queue (pair-queue.ts).
// 3. Repeat: pop the best pair (stale entries, whose count changed since they were pushed, are
//    skipped); give it an id; rewrite only the words that contain it, left to right, non-overlapping
//    ("aaa" with a+a → "aa","a"); subtract the pairs those words lost and add the pairs they gained;
//    push the changed counts. No recount over the corpus per merge: a merge costs time proportional to
//    the words it touches.
//
// ─── Tie-breaking (deterministic, documented) ─────────────────────────────────────────────────────
// The pair with the highest count merges first; among equal counts, the pair with the smaller left
// id, then the smaller right id. Ids are bytes (0..255) then merge results in creation order, so the
// result depends only on the corpus and the options, never on Map iteration or hashing order.
//
// If a merge produces bytes that are already a token (two different splits of the same string),
// the existing id is reused and the vocabulary does not grow — as Hugging Face's trainer does.

import { InvalidArgumentError } from "../errors.js";
import { CL100K_PATTERN, RegexPretokenizer } from "../pretokenize/index.js";
import { PairQueue, pairKey, pairLeft, pairRight, PAIR_RIGHT_BITS } from "./pair-queue.js";
import { type WordCounts, countWords } from "./word-counts.js";

export interface TrainBpeProgress {
  /** "count": reading the corpus; "merge": learning merges. */
  readonly phase: "count" | "merge";
  /** Texts read so far ("count") or merges learned so far ("merge"). */
  readonly done: number;
  /** Merges wanted (vocabSize − 256 − special tokens); 0 while counting. */
  readonly total: number;
}

export interface TrainBpeOptions {
  /** Target vocabulary size, bytes and special tokens included (≥ 256 + special tokens). */
  vocabSize: number;
  /**
   * Pre-tokenization pattern in Rust regex syntax, as tiktoken and tokenizer.json files write it
   * (default CL100K_PATTERN; R50K_PATTERN and O200K_PATTERN are exported too). It is saved with the model.
   */
  pattern?: string;
  /** Special tokens appended after the learned tokens, in order. Their text is cut out of the corpus. */
  specialTokens?: readonly string[];
  /** A pair must occur at least this often to merge (default 2); training stops early otherwise. */
  minFrequency?: number;
  /** Called every `progressEvery` texts/merges and at the end of each phase. */
  onProgress?: (progress: TrainBpeProgress) => void;
  /** Progress granularity (default 100). */
  progressEvery?: number;
}

/** What training learned; turn it into a loadable file with `trainedBpeToTokenizerJson`. */
export interface TrainedBpe {
  /** The pre-tokenization pattern (source text) the model was trained with. */
  readonly pattern: string;
  /** The merges in the order they were learned: [left id, right id, result id]. The order is the model. */
  readonly merges: ReadonlyArray<readonly [number, number, number]>;
  /** Bytes of every non-special token, by id (0..255 are the single bytes). */
  readonly tokens: readonly Uint8Array[];
  /** Special token text → id (ids follow the learned tokens). */
  readonly specialTokens: ReadonlyMap<string, number>;
  /** tokens.length + specialTokens.size. */
  readonly vocabSize: number;
  /** Why training stopped: the target size was reached, or no pair reached minFrequency. */
  readonly stoppedBecause: "vocab-size" | "no-frequent-pair";
}

/** Learns byte-level BPE merges from `corpus` (any iterable of strings: documents, lines, files' text). */
export function trainBpe(corpus: Iterable<string>, options: TrainBpeOptions): TrainedBpe {
  const specialTexts = [...(options.specialTokens ?? [])];
  const minFrequency = options.minFrequency ?? 2;
  const every = Math.max(1, Math.floor(options.progressEvery ?? 100));
  checkOptions(options, specialTexts, minFrequency);
  const pattern = options.pattern ?? CL100K_PATTERN;
  const pretokenizer = new RegexPretokenizer(pattern);
  const report = options.onProgress ?? (() => {});

  const counts: WordCounts = new Map();
  let texts = 0;
  for (const text of corpus) {
    if (typeof text !== "string") throw new InvalidArgumentError("corpus", `item ${texts} is ${typeof text}, expected a string`);
    countWords(counts, text, pretokenizer, specialTexts);
    if (++texts % every === 0) report({ phase: "count", done: texts, total: 0 });
  }
  report({ phase: "count", done: texts, total: 0 });

  const wantedMerges = options.vocabSize - 256 - specialTexts.length;
  const state = new TrainingState(counts);
  const merges: Array<readonly [number, number, number]> = [];
  let stoppedBecause: TrainedBpe["stoppedBecause"] = "vocab-size";
  while (state.tokens.length < 256 + wantedMerges) {
    const best = state.popBestPair(minFrequency);
    if (best === undefined) {
      stoppedBecause = "no-frequent-pair";
      break;
    }
    merges.push(state.merge(best));
    if (merges.length % every === 0) report({ phase: "merge", done: merges.length, total: wantedMerges });
  }
  report({ phase: "merge", done: merges.length, total: wantedMerges });

  const specialTokens = new Map(specialTexts.map((text, i) => [text, state.tokens.length + i]));
  return {
    pattern,
    merges,
    tokens: state.tokens,
    specialTokens,
    vocabSize: state.tokens.length + specialTokens.size,
    stoppedBecause,
  };
}

function checkOptions(options: TrainBpeOptions, specials: string[], minFrequency: number): void {
  const { vocabSize } = options;
  if (!Number.isInteger(vocabSize) || vocabSize < 256 + specials.length)
    throw new InvalidArgumentError("vocabSize", `must be an integer ≥ 256 + ${specials.length} special tokens, got ${vocabSize}`);
  if (options.pattern !== undefined && typeof options.pattern !== "string")
    throw new InvalidArgumentError("pattern", "must be a string in Rust regex syntax (the syntax saved in tokenizer.json)");
  if (vocabSize >= PAIR_RIGHT_BITS) throw new InvalidArgumentError("vocabSize", `must be < ${PAIR_RIGHT_BITS}, got ${vocabSize}`);
  if (!Number.isInteger(minFrequency) || minFrequency < 1)
    throw new InvalidArgumentError("minFrequency", `must be an integer ≥ 1, got ${minFrequency}`);
  const seen = new Set<string>();
  for (const s of specials) {
    if (typeof s !== "string" || s.length === 0) throw new InvalidArgumentError("specialTokens", "each special token must be a non-empty string");
    if (seen.has(s)) throw new InvalidArgumentError("specialTokens", `${JSON.stringify(s)} is listed twice`);
    seen.add(s);
  }
}

/** Words as id sequences, pair counts, pair → words index, and the priority queue. */
class TrainingState {
  /** Bytes of each token by id. */
  readonly tokens: Uint8Array[] = [];
  readonly #idOfBytes = new Map<string, number>();
  /** Distinct words as token ids (shrinking as merges apply), with their corpus frequency. */
  readonly #words: number[][] = [];
  readonly #freq: number[] = [];
  readonly #pairCount = new Map<number, number>();
  readonly #pairWords = new Map<number, Set<number>>();
  readonly #queue = new PairQueue();

  constructor(counts: WordCounts) {
    for (let b = 0; b < 256; b++) this.#addToken(String.fromCharCode(b));
    // Words in a fixed order (sorted) so the word index sets, and so everything, are deterministic.
    const sorted = [...counts.keys()].sort();
    for (const word of sorted) {
      const ids = new Array<number>(word.length);
      for (let i = 0; i < word.length; i++) ids[i] = word.charCodeAt(i);
      const w = this.#words.length;
      this.#words.push(ids);
      this.#freq.push(counts.get(word)!);
      for (let i = 0; i + 1 < ids.length; i++) this.#addPair(pairKey(ids[i]!, ids[i + 1]!), this.#freq[w]!, w);
    }
    for (const [key, count] of this.#pairCount) this.#queue.push(count, key);
  }

  /** The best pair with at least `minFrequency` occurrences, removed from the queue; undefined if none. */
  popBestPair(minFrequency: number): number | undefined {
    const queue = this.#queue;
    while (queue.size > 0) {
      const count = queue.topCount!;
      const key = queue.topKey!;
      queue.pop();
      if (this.#pairCount.get(key) !== count) continue; // stale entry
      return count >= minFrequency ? key : undefined;
    }
    return undefined;
  }

  /** Applies the merge of pair `key` to every word containing it; returns [left, right, result]. */
  merge(key: number): readonly [number, number, number] {
    const left = pairLeft(key);
    const right = pairRight(key);
    const bytes = binaryOf(this.tokens[left]!) + binaryOf(this.tokens[right]!);
    const result = this.#idOfBytes.get(bytes) ?? this.#addToken(bytes);
    const touched = new Set<number>();
    const words = [...this.#pairWords.get(key)!].sort((a, b) => a - b);
    this.#pairWords.delete(key);
    this.#pairCount.delete(key);
    for (const w of words) this.#mergeInWord(w, left, right, result, key, touched);
    for (const changed of touched) {
      const count = this.#pairCount.get(changed);
      if (count !== undefined && count > 0) this.#queue.push(count, changed);
    }
    return [left, right, result];
  }

  #mergeInWord(w: number, left: number, right: number, result: number, merged: number, touched: Set<number>): void {
    const ids = this.#words[w]!;
    const freq = this.#freq[w]!;
    let found = false;
    for (let i = 0; i + 1 < ids.length; i++) if (ids[i] === left && ids[i + 1] === right) found = true;
    if (!found) return;
    // Remove the word's old pairs, rewrite it, add its new pairs (only the pair counts that change
    // end up different, and only those are re-queued).
    for (let i = 0; i + 1 < ids.length; i++) {
      const k = pairKey(ids[i]!, ids[i + 1]!);
      if (k !== merged) this.#subtractPair(k, freq, touched);
    }
    const out: number[] = [];
    for (let i = 0; i < ids.length; i++) {
      if (i + 1 < ids.length && ids[i] === left && ids[i + 1] === right) {
        out.push(result);
        i++;
      } else out.push(ids[i]!);
    }
    this.#words[w] = out;
    for (let i = 0; i + 1 < out.length; i++) {
      const k = pairKey(out[i]!, out[i + 1]!);
      this.#addPair(k, freq, w);
      touched.add(k);
    }
  }

  #addToken(binary: string): number {
    const id = this.tokens.length;
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    this.tokens.push(bytes);
    this.#idOfBytes.set(binary, id);
    return id;
  }

  #addPair(key: number, freq: number, word: number): void {
    this.#pairCount.set(key, (this.#pairCount.get(key) ?? 0) + freq);
    let set = this.#pairWords.get(key);
    if (set === undefined) this.#pairWords.set(key, (set = new Set()));
    set.add(word);
  }

  #subtractPair(key: number, freq: number, touched: Set<number>): void {
    const count = (this.#pairCount.get(key) ?? 0) - freq;
    if (count > 0) this.#pairCount.set(key, count);
    else this.#pairCount.delete(key);
    touched.add(key);
  }
}

function binaryOf(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]!);
  return s;
}
