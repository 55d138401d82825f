// Text for the tokenizer suite, generated from a seed (no third-party text in the repo):
// "prose" — words drawn from a fixed list with punctuation, numbers, some accents, CJK and emoji, so
//   pre-tokens repeat as in real text (what a word cache helps with);
// "unseen" — random letter strings, so almost every pre-token is new (the merge loop's raw speed).
const WORDS =
  "the of and to in is was that for it with as his on be at by had from this are not but have were which one you all their when there an been has more would her can time who about into than will them some only other so could these two may then first its like new after over also most any where much through back years way well should because each just those how very what even made many before must right being long used people here between own both under same while last might never world another home around men day think still state off life again against next came place work group without part right high small large does number great water eye hand light".split(
    " ",
  );
const EXTRA = ["naïve", "café", "Über", "東京", "言語モデル", "😀", "🚀", "ñandú", "Ωμέγα", "привет", "2024", "3.14159", "$1,000", "e-mail", "it's", "don't"];

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** About `bytes` UTF-8 bytes of prose-like text. */
export function proseText(seed: number, bytes: number): string {
  const r = rng(seed);
  const parts: string[] = [];
  let size = 0;
  let sentence = 0;
  while (size < bytes) {
    let w = r() < 0.06 ? EXTRA[Math.floor(r() * EXTRA.length)]! : WORDS[Math.floor(r() * WORDS.length)]!;
    if (sentence === 0) w = w[0]!.toUpperCase() + w.slice(1);
    sentence++;
    let sep = " ";
    if (sentence > 6 && r() < 0.15) {
      sep = r() < 0.2 ? ".\n\n" : r() < 0.5 ? ", " : ". ";
      if (sep !== ", ") sentence = 0;
    }
    parts.push(w, sep);
    size += Buffer.byteLength(w) + sep.length;
  }
  return parts.join("");
}

/** About `bytes` of random words (letters, digits, symbols): few repeated pre-tokens. */
export function unseenText(seed: number, bytes: number): string {
  const r = rng(seed);
  const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789éüß";
  let s = "";
  while (s.length < bytes) {
    const n = 2 + Math.floor(r() * 10);
    let w = "";
    for (let i = 0; i < n; i++) w += alphabet[Math.floor(r() * alphabet.length)];
    s += (r() < 0.1 ? "\n" : " ") + w;
  }
  return s;
}

const ONSETS = ["", "", "b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z", "br", "ch", "cl", "dr", "fl", "gr", "pl", "pr", "sh", "sk", "st", "th", "tr"];
const VOWELS = ["a", "e", "i", "o", "u", "a", "e", "o", "ai", "ea", "ou", "io", "y"];
const CODAS = ["", "", "", "n", "r", "s", "t", "l", "m", "nd", "st", "ng", "ck", "rt"];

/** A lexicon of `size` made-up words (1–4 syllables), deterministic in `seed`. */
function lexicon(r: () => number, size: number): string[] {
  const pick = (xs: readonly string[]): string => xs[Math.floor(r() * xs.length)]!;
  const words: string[] = [];
  for (let i = 0; i < size; i++) {
    const syllables = 1 + Math.floor(r() * r() * 4);
    let w = "";
    for (let s = 0; s < syllables; s++) w += pick(ONSETS) + pick(VOWELS) + pick(CODAS);
    words.push(w);
  }
  return words;
}

/**
 * About `bytes` of text for BPE training, one sentence per line: made-up words from a 30 000-word
 * lexicon drawn with Zipf's law (exponent 1.1), as word frequencies are in natural text, with
 * capitals, punctuation, numbers and some non-ASCII words. Deterministic in `seed`.
 */
export function trainingCorpus(seed: number, bytes: number): string {
  const r = rng(seed);
  const words = lexicon(r, 30_000);
  const cumulative = new Float64Array(words.length);
  let total = 0;
  for (let i = 0; i < words.length; i++) cumulative[i] = total += 1 / (i + 1) ** 1.1;
  const zipf = (): string => {
    const x = r() * total;
    let lo = 0;
    let hi = words.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return words[lo]!;
  };
  const lines: string[] = [];
  let size = 0;
  while (size < bytes) {
    const n = 6 + Math.floor(r() * 20);
    const parts: string[] = [];
    for (let i = 0; i < n; i++) {
      const u = r();
      let w = u < 0.03 ? EXTRA[Math.floor(r() * EXTRA.length)]! : u < 0.05 ? String(Math.floor(r() * 10_000)) : zipf();
      if (i === 0) w = w[0]!.toUpperCase() + w.slice(1);
      parts.push(w, i === n - 1 ? (r() < 0.8 ? "." : "?") : r() < 0.08 ? ", " : " ");
    }
    const line = parts.join("");
    lines.push(line);
    size += Buffer.byteLength(line) + 1;
  }
  return lines.join("\n") + "\n";
}
