// Step 1 of training: split the corpus into pre-tokens with the chosen pattern and count each
// distinct pre-token. BPE merges never cross a pre-token boundary, so the trainer works on unique
// words weighted by their frequency, not on the running text.

import { utf8Binary } from "../bytelevel/index.js";
import { RegexPretokenizer } from "../pretokenize/index.js";

/** Distinct pre-tokens (as binary strings, one char per UTF-8 byte) and how often each occurs. */
export type WordCounts = Map<string, number>;

/** Adds the pre-tokens of `text` to `counts`. Special-token texts are removed before splitting. */
export function countWords(
  counts: WordCounts,
  text: string,
  pretokenizer: RegexPretokenizer,
  specialTokens: readonly string[],
): void {
  for (const segment of splitOnSpecials(text, specialTokens)) {
    let pos = 0;
    while ((pos = pretokenizer.next(segment, pos)) >= 0) {
      const word = utf8Binary(segment.slice(pretokenizer.start, pos));
      counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
}

function splitOnSpecials(text: string, specialTokens: readonly string[]): string[] {
  let segments = [text];
  for (const special of specialTokens) segments = segments.flatMap((s) => s.split(special));
  return segments;
}
