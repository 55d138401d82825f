/** What defines a ready tiktoken encoding besides its rank data. */
export interface TiktokenEncodingSpec {
  readonly name: string;
  /** tiktoken's pat_str (Rust regex syntax). */
  readonly pattern: string;
  /** Special tokens with exactly tiktoken's ids. */
  readonly specialTokens: Readonly<Record<string, number>>;
  /** Number of ids including specials (tiktoken's n_vocab); loaded data must agree. */
  readonly vocabSize: number;
  /** Name of the rank data in js-tiktoken (`js-tiktoken/ranks/<x>`) and tiktoken (`tiktoken/encoders/<x>.json`). */
  readonly dataName: string;
}
