/** A tokenizer.json model: turns one pre-tokenized split into ids. */
export interface Model {
  /** Largest id + 1. */
  readonly size: number;
  /** Number of vocabulary entries (Hugging Face's get_vocab_size; equals `size` when ids have no gaps). */
  readonly entries: number;
  tokenToId(token: string): number | undefined;
  idToToken(id: number): string | undefined;
  /**
   * Tokenizes `text` (one split). Pushes the ids to `ids` and, when `ranges` is given, each id's
   * [from, to) UTF-16 range in `text` as two numbers.
   */
  tokenize(text: string, ids: number[], ranges: number[] | null): void;
}

/** "<0x0A>"-style byte piece (the spelling Hugging Face byte fallback looks up). */
export function bytePiece(byte: number): string {
  return `<0x${byte.toString(16).toUpperCase().padStart(2, "0")}>`;
}

/** Vocabulary maps from a `vocab` object of token → id. */
export function vocabularyOf(entries: [string, number][]): { ids: Map<string, number>; tokens: (string | undefined)[] } {
  const ids = new Map<string, number>();
  const tokens: (string | undefined)[] = [];
  for (const [token, id] of entries) {
    ids.set(token, id);
    tokens[id] = token;
  }
  return { ids, tokens };
}
