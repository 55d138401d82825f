// Turning a tokenizer's spans into what the playground draws: coloured segments of the input text.
// A token can cover part of a character (an emoji split into byte tokens), so tokens whose character
// ranges overlap or are empty are grouped into one segment that lists all their ids.

export interface SpanLike {
  id: number;
  piece: string;
  start: number;
  end: number;
}

export interface Segment {
  /** [start, end) in UTF-16 code units of the text. */
  start: number;
  end: number;
  text: string;
  /** Indices into the token list (one for a normal token, several for a split character). */
  tokens: number[];
}

export function segmentTokens(text: string, tokens: readonly SpanLike[]): Segment[] {
  const segments: Segment[] = [];
  let cursor = 0;
  tokens.forEach((t, i) => {
    const last = segments[segments.length - 1];
    const start = Math.max(t.start, cursor);
    const end = Math.max(t.end, start);
    if (last && (t.start < last.end || end === start)) {
      last.tokens.push(i);
      if (end > last.end) {
        last.end = end;
        last.text = text.slice(last.start, end);
      }
    } else {
      segments.push({ start, end, text: text.slice(start, end), tokens: [i] });
    }
    cursor = Math.max(cursor, end);
  });
  return segments;
}

/** Pastel background colours; neighbours always differ, so boundaries stay visible. */
export const TOKEN_PALETTE = ["#ffd6a5", "#caffbf", "#9bf6ff", "#bdb2ff", "#ffc6ff", "#fdffb6"] as const;

export function tokenColor(index: number): string {
  return TOKEN_PALETTE[((index % TOKEN_PALETTE.length) + TOKEN_PALETTE.length) % TOKEN_PALETTE.length] as string;
}

/** Makes whitespace visible inside a token chip: space → "·", tab → "→", newline → "↵". */
export function visibleWhitespace(s: string): string {
  return s.replace(/ /g, "\u00b7").replace(/\t/g, "\u2192").replace(/\r?\n/g, "\u21b5");
}

export interface SplitStats {
  tokens: number;
  chars: number;
  bytes: number;
  charsPerToken: number;
}

export function splitStats(text: string, tokenCount: number): SplitStats {
  const chars = [...text].length;
  const bytes = new TextEncoder().encode(text).length;
  return { tokens: tokenCount, chars, bytes, charsPerToken: tokenCount === 0 ? 0 : chars / tokenCount };
}
