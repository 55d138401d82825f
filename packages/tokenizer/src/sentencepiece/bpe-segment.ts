// SentencePiece's BPE segmentation (bpe_model.cc): one symbol per character (user-defined pieces
// matched whole), then repeatedly merge the adjacent pair whose concatenation is a normal or
// user-defined piece with the highest score, leftmost first — the shared BpeMerger with rank = -score.

import { BpeMerger, type MergeRules, NO_MERGE } from "../bpe/merge.js";
import { type PieceSink, UNKNOWN } from "./unigram-segment.js";

export class BpeSegmenter {
  readonly #mergeable: ReadonlyMap<string, number>;
  readonly #userDefinedAt: (text: string, at: number) => string | undefined;
  readonly #unknown: number;
  readonly #merger = new BpeMerger();
  readonly #rules: MergeRules;
  #symbols = new Int32Array(256);
  #symbolUnit = new Int32Array(256);

  /**
   * @param pieces every id's piece
   * @param scores every id's score
   * @param mergeable the pieces a merge may produce (normal and user-defined) → id
   * @param userDefinedAt the user-defined piece starting at `at`, if any
   */
  constructor(
    pieces: readonly string[],
    scores: ArrayLike<number>,
    mergeable: ReadonlyMap<string, number>,
    userDefinedAt: (text: string, at: number) => string | undefined,
  ) {
    this.#mergeable = mergeable;
    this.#userDefinedAt = userDefinedAt;
    const n = pieces.length;
    this.#unknown = n; // a symbol that never merges
    this.#rules = {
      rank: (left, right) => {
        if (left >= n || right >= n) return NO_MERGE;
        const id = mergeable.get(pieces[left] + pieces[right]);
        return id === undefined ? NO_MERGE : -scores[id];
      },
      merged: (left, right) => mergeable.get(pieces[left] + pieces[right])!,
    };
  }

  /** Emits the merged pieces of `text` left to right (UNKNOWN for characters that are no piece). */
  segment(text: string, sink: PieceSink): void {
    const len = text.length;
    if (len === 0) return;
    if (this.#symbols.length < len) {
      this.#symbols = new Int32Array(Math.max(len, 2 * this.#symbols.length));
      this.#symbolUnit = new Int32Array(this.#symbols.length);
    }
    const symbols = this.#symbols;
    const symbolUnit = this.#symbolUnit;
    let n = 0;
    for (let i = 0; i < len; ) {
      let piece = this.#userDefinedAt(text, i);
      if (piece === undefined) {
        const c = text.charCodeAt(i);
        piece = c >= 0xd800 && c <= 0xdbff && i + 1 < len ? text.slice(i, i + 2) : text[i];
      }
      symbols[n] = this.#mergeable.get(piece) ?? this.#unknown;
      symbolUnit[n++] = i;
      i += piece.length;
    }
    // The hot loop is BpeMerger.run.
    const k = this.#merger.run(symbols, n, this.#rules);
    const { output, outputStart } = this.#merger;
    for (let t = 0; t < k; t++) {
      const from = symbolUnit[outputStart[t]];
      const to = t + 1 < k ? symbolUnit[outputStart[t + 1]] : len;
      sink(output[t] === this.#unknown ? UNKNOWN : output[t], from, to);
    }
  }
}
