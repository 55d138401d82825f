// Text that remembers where each UTF-16 unit came from in the caller's input, so normalizers and
// pre-tokenizers can rewrite it and token offsets still point into the original string.
// Unit i of `text` came from input units [start[i], end[i]); inserted text (a prefix "▁") has
// start === end (no width).

export class AlignedString {
  constructor(
    readonly text: string,
    readonly start: Int32Array,
    readonly end: Int32Array,
  ) {}

  /** The input itself (offset by `base`): every character maps to itself. */
  static of(text: string, base = 0): AlignedString {
    const n = text.length;
    const start = new Int32Array(n);
    const end = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < n && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        start[i] = start[i + 1] = base + i;
        end[i] = end[i + 1] = base + i + 2;
        i++;
      } else {
        start[i] = base + i;
        end[i] = base + i + 1;
      }
    }
    return new AlignedString(text, start, end);
  }

  get length(): number {
    return this.text.length;
  }

  slice(from: number, to: number = this.text.length): AlignedString {
    return new AlignedString(this.text.slice(from, to), this.start.subarray(from, to), this.end.subarray(from, to));
  }

  /** Input range covered by units [from, to) (an empty range sits at the next unit's start). */
  range(from: number, to: number): [number, number] {
    if (to > from) return [this.start[from], this.end[to - 1]];
    const at = from < this.text.length ? this.start[from] : this.text.length > 0 ? this.end[this.text.length - 1] : 0;
    return [at, at];
  }

  /**
   * Rewrites the text piece by piece: `pieces` splits the text into consecutive [from, to) ranges and
   * `replace(piece)` gives each one's new text; new units inherit the range of the piece they replace.
   */
  rewrite(cuts: ArrayLike<number>, replace: (piece: string, index: number) => string): AlignedString {
    const parts: string[] = [];
    const starts: number[] = [];
    const ends: number[] = [];
    let changed = false;
    for (let k = 0; k + 1 < cuts.length; k++) {
      const from = cuts[k];
      const to = cuts[k + 1];
      const piece = this.text.slice(from, to);
      const out = replace(piece, k);
      parts.push(out);
      if (out === piece) {
        for (let u = from; u < to; u++) {
          starts.push(this.start[u]);
          ends.push(this.end[u]);
        }
        continue;
      }
      changed = true;
      const [s, e] = this.range(from, to);
      for (let u = 0; u < out.length; u++) {
        starts.push(s);
        ends.push(e);
      }
    }
    if (!changed) return this;
    return new AlignedString(parts.join(""), Int32Array.from(starts), Int32Array.from(ends));
  }

  /** Applies `f` to every code point (a string of one or two units). */
  mapChars(f: (ch: string) => string): AlignedString {
    return this.rewrite(charCuts(this.text), f);
  }

  /** Inserts `text` (no width) before unit `at`. */
  insert(at: number, text: string): AlignedString {
    const [s] = this.range(at, at);
    const n = text.length;
    const start = new Int32Array(this.length + n);
    const end = new Int32Array(this.length + n);
    start.set(this.start.subarray(0, at));
    end.set(this.end.subarray(0, at));
    start.fill(s, at, at + n);
    end.fill(s, at, at + n);
    start.set(this.start.subarray(at), at + n);
    end.set(this.end.subarray(at), at + n);
    return new AlignedString(this.text.slice(0, at) + text + this.text.slice(at), start, end);
  }

  static concat(parts: readonly AlignedString[]): AlignedString {
    if (parts.length === 1) return parts[0];
    const n = parts.reduce((a, p) => a + p.length, 0);
    const start = new Int32Array(n);
    const end = new Int32Array(n);
    let o = 0;
    for (const p of parts) {
      start.set(p.start, o);
      end.set(p.end, o);
      o += p.length;
    }
    return new AlignedString(parts.map((p) => p.text).join(""), start, end);
  }
}

/** Cut points at every code point boundary (0, …, text.length). */
export function charCuts(text: string): number[] {
  const cuts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
    cuts.push(i + 1);
  }
  return cuts;
}
