// WordPiece (BERT): greedy longest-match-first from the start of each word; pieces after the first
// carry the "##" prefix; a word with an unmatched rest, or longer than max_input_chars_per_word
// characters, becomes one [UNK].

import { InvalidArgumentError } from "../../errors.js";
import type { JsonNode } from "../json.js";
import { readVocab } from "./bpe.js";
import { type Model, vocabularyOf } from "./model.js";

export interface WordPieceOptions {
  unkToken: string;
  continuingSubwordPrefix: string;
  maxInputCharsPerWord: number;
}

export class WordPieceModel implements Model {
  readonly size: number;
  readonly entries: number;
  readonly options: WordPieceOptions;
  readonly #ids: Map<string, number>;
  readonly #tokens: (string | undefined)[];
  readonly #unkId: number;

  constructor(
    vocab: [string, number][],
    options: WordPieceOptions,
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
    const unk = ids.get(options.unkToken);
    if (unk === undefined) fail("unk_token", `the unknown token ${JSON.stringify(options.unkToken)} is not in the vocabulary`);
    this.#unkId = unk;
  }

  tokenToId(token: string): number | undefined {
    return this.#ids.get(token);
  }

  idToToken(id: number): string | undefined {
    return this.#tokens[id];
  }

  tokenize(text: string, ids: number[], ranges: number[] | null): void {
    if (text.length === 0) return;
    const chars = Array.from(text);
    const unk = (): void => {
      ids.push(this.#unkId);
      ranges?.push(0, text.length);
    };
    if (chars.length > this.options.maxInputCharsPerWord) return unk();
    const found: number[] = [];
    const spans: number[] = [];
    let start = 0; // in chars
    let unit = 0; // in UTF-16 units
    while (start < chars.length) {
      let end = chars.length;
      let id: number | undefined;
      let sub = "";
      for (; end > start; end--) {
        sub = chars.slice(start, end).join("");
        id = this.#ids.get(start > 0 ? this.options.continuingSubwordPrefix + sub : sub);
        if (id !== undefined) break;
      }
      if (id === undefined) return unk();
      found.push(id);
      spans.push(unit, unit + sub.length);
      unit += sub.length;
      start = end;
    }
    for (const id of found) ids.push(id);
    ranges?.push(...spans);
  }
}

export function buildWordPieceModel(node: JsonNode): WordPieceModel {
  return new WordPieceModel(
    readVocab(node.get("vocab")),
    {
      unkToken: node.get("unk_token").string("[UNK]"),
      continuingSubwordPrefix: node.get("continuing_subword_prefix").string("##"),
      maxInputCharsPerWord: node.get("max_input_chars_per_word").integer(100),
    },
    (field, problem) => node.get(field).fail(problem),
  );
}
