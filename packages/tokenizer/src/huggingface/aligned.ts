// Text that remembers where each UTF-16 unit came from in the caller's input, so normalizers and
// pre-tokenizers can rewrite it and token offsets still point into the original string.
// Unit i of `text` came from input units [start[i], end[i]); inserted text (a prefix "▁") has
// start === end (no width).
//
// When offsets are not wanted (plain encode) the string is "untracked": start/end are null and every
// operation is plain string work. Only `firstOrigin` survives (the input offset of the first unit when
// known, else -1), for Metaspace's prepend_scheme "first".

export class AlignedString {
  constructor(
    readonly text: string,
    readonly start: Int32Array | null,
    readonly end: Int32Array | null,
    readonly firstOrigin: number,
  ) {}

  /** The input itself (offset by `base`): every character maps to itself. Untracked unless `track`. */
  static of(text: string, base: number, track: boolean): AlignedString {
    if (!track) return new AlignedString(text, null, null, base);
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
    return new AlignedString(text, start, end, base);
  }

  get length(): number {
    return this.text.length;
  }

  /** True when the first unit comes from the start of the input (Hugging Face: offsets_original().0 == 0). */
  get atInputStart(): boolean {
    if (this.text.length === 0) return false;
    return this.start !== null ? this.start[0] === 0 : this.firstOrigin === 0;
  }

  slice(from: number, to: number = this.text.length): AlignedString {
    const text = this.text.slice(from, to);
    if (this.start === null || this.end === null) return new AlignedString(text, null, null, from === 0 ? this.firstOrigin : -1);
    const start = this.start.subarray(from, to);
    return new AlignedString(text, start, this.end.subarray(from, to), start.length > 0 ? start[0] : -1);
  }

  /** Input range covered by units [from, to) (an empty range sits at the next unit's start). Tracked only. */
  range(from: number, to: number): [number, number] {
    const { start, end } = this;
    if (start === null || end === null) throw new Error("AlignedString.range on an untracked string");
    if (to > from) return [start[from], end[to - 1]];
    const at = from < this.text.length ? start[from] : this.text.length > 0 ? end[this.text.length - 1] : this.firstOrigin;
    return [at, at];
  }

  /**
   * Rewrites the text piece by piece: `cuts` splits the text into consecutive [from, to) ranges and
   * `replace(piece, k)` gives the k-th one's new text; new units inherit the range of the piece they replace.
   */
  rewrite(cuts: ArrayLike<number>, replace: (piece: string, index: number) => string): AlignedString {
    if (this.start === null || this.end === null) {
      let text = "";
      let firstOrigin = this.firstOrigin;
      for (let k = 0; k + 1 < cuts.length; k++) {
        const out = replace(this.text.slice(cuts[k], cuts[k + 1]), k);
        if (text.length === 0 && out.length === 0 && cuts[k + 1] > cuts[k]) firstOrigin = -1;
        text += out;
      }
      return new AlignedString(text, null, null, firstOrigin);
    }
    const parts: string[] = [];
    let starts = new Int32Array(Math.max(16, this.length));
    let ends = new Int32Array(starts.length);
    let n = 0;
    const push = (s: number, e: number): void => {
      if (n === starts.length) {
        const grownStarts = new Int32Array(2 * n);
        const grownEnds = new Int32Array(2 * n);
        grownStarts.set(starts);
        grownEnds.set(ends);
        starts = grownStarts;
        ends = grownEnds;
      }
      starts[n] = s;
      ends[n++] = e;
    };
    for (let k = 0; k + 1 < cuts.length; k++) {
      const from = cuts[k];
      const to = cuts[k + 1];
      const piece = this.text.slice(from, to);
      const out = replace(piece, k);
      parts.push(out);
      if (out === piece) for (let u = from; u < to; u++) push(this.start[u], this.end[u]);
      else {
        const [s, e] = this.range(from, to);
        for (let u = 0; u < out.length; u++) push(s, e);
      }
    }
    const start = starts.subarray(0, n);
    return new AlignedString(parts.join(""), start, ends.subarray(0, n), n > 0 ? start[0] : -1);
  }

  /** Applies `f` to every code point (a string of one or two units). */
  mapChars(f: (ch: string) => string): AlignedString {
    if (this.start === null) {
      const text = this.text;
      let out = "";
      let firstOrigin = this.firstOrigin;
      for (let i = 0; i < text.length; ) {
        const c = text.charCodeAt(i);
        const next = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? i + 2 : i + 1;
        const mapped = f(next === i + 1 ? text[i] : text.slice(i, next));
        if (out.length === 0 && mapped.length === 0) firstOrigin = -1;
        out += mapped;
        i = next;
      }
      return new AlignedString(out, null, null, firstOrigin);
    }
    return this.rewrite(charCuts(this.text), f);
  }

  /** Inserts `text` (no width) before unit `at`. */
  insert(at: number, text: string): AlignedString {
    const joined = this.text.slice(0, at) + text + this.text.slice(at);
    if (this.start === null || this.end === null) return new AlignedString(joined, null, null, this.firstOrigin);
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
    return new AlignedString(joined, start, end, start.length > 0 ? start[0] : -1);
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
