// Unigram (SentencePiece unigram / T5-style): the segmentation with the highest total log-probability
// (Viterbi over the text), ties to the earlier / shorter candidate; characters no piece covers become
// <unk> scored min_score - 10, runs of them fused into one; byte fallback turns an unknown run into
// <0xNN> pieces. Mirrors Hugging Face's Unigram::encode_optimized.

import { InvalidArgumentError } from "../../errors.js";
import type { JsonNode } from "../json.js";
import { PieceTrie } from "../../sentencepiece/unigram-segment.js";
import { type Model, bytePiece } from "./model.js";

const UNK_PENALTY = 10;
const encoder = new TextEncoder();

export class UnigramModel implements Model {
  readonly size: number;
  readonly entries: number;
  readonly #ids = new Map<string, number>();
  readonly #pieces: string[];
  readonly #scores: Float64Array;
  readonly #unkId: number | undefined;
  readonly #byteFallback: boolean;
  readonly #trie = new PieceTrie();
  readonly #minScore: number;

  constructor(
    vocab: [string, number][],
    unkId: number | undefined,
    byteFallback: boolean,
    fail: (field: string, problem: string) => never = (field, problem) => {
      throw new InvalidArgumentError(field, problem);
    },
  ) {
    this.#pieces = vocab.map((v) => v[0]);
    this.#scores = Float64Array.from(vocab, (v) => v[1]);
    this.size = vocab.length;
    this.entries = vocab.length;
    let min = Infinity;
    // As Hugging Face's token_to_ids (a HashMap), a repeated piece keeps its last id.
    vocab.forEach(([piece, score], id) => {
      this.#ids.set(piece, id);
      min = Math.min(min, score);
    });
    for (const [piece, id] of this.#ids) this.#trie.add(piece, id);
    this.#minScore = min;
    if (unkId !== undefined && !(unkId < vocab.length)) fail("unk_id", `${unkId} is outside the ${vocab.length} pieces`);
    this.#unkId = unkId;
    this.#byteFallback = byteFallback;
  }

  tokenToId(token: string): number | undefined {
    return this.#ids.get(token);
  }

  idToToken(id: number): string | undefined {
    return this.#pieces[id];
  }

  tokenize(text: string, ids: number[], ranges: number[] | null): void {
    const n = text.length;
    if (n === 0) return;
    const score = new Float64Array(n + 1);
    const from = new Int32Array(n + 1).fill(-1);
    const idAt = new Int32Array(n + 1);
    const unkScore = this.#minScore - UNK_PENALTY;
    for (let start = 0; start < n; ) {
      const c = text.charCodeAt(start);
      const charLength = c >= 0xd800 && c <= 0xdbff && start + 1 < n && (text.charCodeAt(start + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
      const base = score[start];
      let single = false;
      let node: PieceTrie | undefined = this.#trie;
      for (let end = start + 1; end <= n; end++) {
        node = node.next.get(text.charCodeAt(end - 1));
        if (node === undefined) break;
        const id = node.id;
        if (id < 0) continue;
        const candidate = this.#scores[id] + base;
        if (from[end] < 0 || candidate > score[end]) {
          score[end] = candidate;
          from[end] = start;
          idAt[end] = id;
        }
        if (end - start === charLength) single = true;
      }
      if (!single) {
        const end = start + charLength;
        const candidate = unkScore + base;
        if (from[end] < 0 || candidate > score[end]) {
          if (this.#unkId === undefined) throw new InvalidArgumentError("text", `${JSON.stringify(text.slice(start, end))} is not covered by the vocabulary, which has no <unk>`);
          score[end] = candidate;
          from[end] = start;
          idAt[end] = this.#unkId;
        }
      }
      start += charLength;
    }
    // Backtrack, fusing runs of <unk>.
    const pieces: [number, number, number][] = [];
    for (let end = n; end > 0; ) {
      const start = from[end];
      const id = idAt[end];
      const last = pieces[pieces.length - 1];
      if (id === this.#unkId && last !== undefined && last[0] === this.#unkId && last[1] === end) last[1] = start;
      else pieces.push([id, start, end]);
      end = start;
    }
    pieces.reverse();
    for (const [id, start, end] of pieces) {
      if (id === this.#unkId && this.#byteFallback) {
        const bytes = encoder.encode(text.slice(start, end));
        const byteIds = Array.from(bytes, (b) => this.#ids.get(bytePiece(b)));
        if (byteIds.every((b) => b !== undefined)) {
          for (const b of byteIds) {
            ids.push(b!);
            ranges?.push(start, end);
          }
          continue;
        }
      }
      ids.push(id);
      ranges?.push(start, end);
    }
  }
}

export function buildUnigramModel(node: JsonNode): UnigramModel {
  const vocab = node.get("vocab").array().map((entry): [string, number] => {
    const pair = entry.array();
    if (pair.length !== 2) entry.fail("expected [piece, score]");
    return [pair[0].string(), pair[1].number()];
  });
  const unk = node.get("unk_id");
  return new UnigramModel(vocab, unk.isNull ? undefined : unk.integer(), node.get("byte_fallback").boolean(false), (field, problem) =>
    node.get(field).fail(problem),
  );
}
