// SentencePiece's unigram segmentation (unigram_model.cc, EncodeOptimized): the path of pieces with
// the highest total score (float32 path scores, compared as C++ does), trying pieces from each position shortest first
// and keeping the first of equal scores; user-defined pieces get the bonus length × max_score − 0.1 so
// they always win; a character no piece covers becomes <unk> scored min_score − 10.

/** A trie over UTF-16 units: walking it from a position finds every piece starting there, shortest first. */
export class PieceTrie {
  readonly next = new Map<number, PieceTrie>();
  /** The piece ending here, or -1. */
  id = -1;

  add(piece: string, id: number): void {
    let node: PieceTrie = this;
    for (let i = 0; i < piece.length; i++) {
      const c = piece.charCodeAt(i);
      let child = node.next.get(c);
      if (child === undefined) node.next.set(c, (child = new PieceTrie()));
      node = child;
    }
    if (node.id < 0) node.id = id;
  }
}

/** Unigram vocabulary for segmentation. */
export interface UnigramVocab {
  /** Normal and user-defined pieces (unused ones never match, so they are left out). */
  trie: PieceTrie;
  scores: Float32Array;
  isUserDefined: (id: number) => boolean;
  /** Smallest and largest score of normal pieces. */
  minScore: number;
  maxScore: number;
}

/** Marker id for a stretch of text that is no piece (the segmenters' output). */
export const UNKNOWN = -1;

/** Receives one segment: a piece id or UNKNOWN, and its [from, to) range in the normalized text. */
export type PieceSink = (id: number, from: number, to: number) => void;

const f32 = Math.fround;
const encoder = new TextEncoder();

/** Calls emit(id or UNKNOWN, from, to) for the best segmentation of `text`, left to right. */
export function unigramSegment(text: string, vocab: UnigramVocab, emit: PieceSink): void {
  const n = text.length;
  if (n === 0) return;
  const score = new Float64Array(n + 1);
  const from = new Int32Array(n + 1).fill(-1);
  const idAt = new Int32Array(n + 1);
  const unkScore = f32(vocab.minScore - 10);
  for (let start = 0; start < n; ) {
    const c = text.charCodeAt(start);
    const charLength = c >= 0xd800 && c <= 0xdbff && start + 1 < n && (text.charCodeAt(start + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
    const base = score[start];
    let single = false;
    let node: PieceTrie | undefined = vocab.trie;
    for (let end = start + 1; end <= n; end++) {
      node = node.next.get(text.charCodeAt(end - 1));
      if (node === undefined) break;
      const id = node.id;
      if (id < 0) continue;
      // C++: `score` is a double (the ternary mixes double and float), so the candidate is a double
      // compared with the stored float; only <unk> candidates are float sums.
      const pieceScore = vocab.isUserDefined(id) ? encoder.encode(text.slice(start, end)).length * vocab.maxScore - 0.1 : vocab.scores[id];
      const candidate = pieceScore + base;
      if (from[end] < 0 || candidate > score[end]) {
        score[end] = f32(candidate);
        from[end] = start;
        idAt[end] = id;
      }
      if (end - start === charLength) single = true;
    }
    if (!single) {
      const end = start + charLength;
      const candidate = f32(unkScore + base);
      if (from[end] < 0 || candidate > score[end]) {
        score[end] = candidate;
        from[end] = start;
        idAt[end] = UNKNOWN;
      }
    }
    start += charLength;
  }
  const path: number[] = [];
  for (let end = n; end > 0; end = from[end]) path.push(end);
  for (let k = path.length - 1; k >= 0; k--) emit(idAt[path[k]], from[path[k]], path[k]);
}
