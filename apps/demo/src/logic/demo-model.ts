// The built-in demo model: a small Llama-2-shaped checkpoint with RANDOM weights, generated in the page
// from a seed, plus a small SentencePiece-style vocabulary, both in llama2.c's file formats. It is
// untrained: it exists so every panel works with no download, and the page labels it as such.

import { type Llama2cConfig, type VocabEntry, writeCheckpoint, writeTokenizer } from "./llama2c-format.js";
import { SeededRng } from "@wasmformer/model";

/** Words whose pieces (every prefix, with the word-start space) are in the demo vocabulary. */
const WORDS = [
  "the", "and", "was", "she", "he", "they", "to", "a", "of", "in", "it", "is", "on", "with", "her", "his",
  "once", "upon", "time", "there", "little", "girl", "boy", "named", "day", "play", "played", "said",
  "saw", "big", "happy", "sad", "friend", "park", "ball", "tree", "sun", "dog", "cat", "mom", "went",
  "wanted", "loved", "very", "so", "but", "not", "one", "all", "you", "had", "were", "what", "fun",
];
const CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,!?'\"-:;";
/** SentencePiece marks a word start with "▁"; llama2.c's tokenizer.bin export stores it as a plain space. */
export const WORD_START = " ";

/** The demo vocabulary: <unk> <s> </s>, the 256 byte pieces, single characters, then word prefixes. */
export function demoVocabulary(): VocabEntry[] {
  const vocab: VocabEntry[] = [
    { piece: "<unk>", score: 0 },
    { piece: "<s>", score: 0 },
    { piece: "</s>", score: 0 },
  ];
  for (let b = 0; b < 256; b++) vocab.push({ piece: `<0x${b.toString(16).toUpperCase().padStart(2, "0")}>`, score: 0 });
  const seen = new Set(vocab.map((v) => v.piece));
  let rank = 0;
  const add = (piece: string): void => {
    if (seen.has(piece)) return;
    seen.add(piece);
    vocab.push({ piece, score: -rank++ });
  };
  add(WORD_START);
  for (const ch of CHARS) add(ch);
  // Shorter prefixes first, so every merge's parts already exist when its result gets a score.
  const maxLen = Math.max(...WORDS.map((w) => w.length));
  for (let len = 1; len <= maxLen; len++) for (const w of WORDS) if (w.length >= len) add(WORD_START + w.slice(0, len));
  return vocab;
}

export function demoConfig(vocabSize: number): Llama2cConfig {
  return { dim: 64, hiddenDim: 172, layers: 4, heads: 8, kvHeads: 4, vocabSize, seqLen: 256, sharedClassifier: false };
}

/** Ids below this are <unk>, <s>, </s> and the 256 byte pieces. */
export const FIRST_TEXT_PIECE = 259;
export const EMBEDDING_STD = 0.2;
/** Standard deviation of the logits of text pieces (the classifier's rows are scaled to give it). */
export const LOGIT_STD = 2.5;

/** Standard normals from a seeded uniform generator (Box–Muller). */
export function normals(rng: SeededRng): () => number {
  let spare: number | undefined;
  return () => {
    if (spare !== undefined) {
      const s = spare;
      spare = undefined;
      return s;
    }
    const u = 1 - rng.next(); // (0, 1]
    const v = rng.next();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
}

export interface DemoModelFiles {
  config: Llama2cConfig;
  checkpoint: ArrayBuffer;
  tokenizer: ArrayBuffer;
}

/**
 * Random weights: N(0, 0.2²) embeddings, linear rows N(0, 1/fanIn) (activations keep their scale), unit
 * RMSNorm gains; query/key projections scaled up so the random attention is peaked enough to show
 * structure in the heatmaps. The classifier is a separate matrix: its rows for the control and byte
 * pieces are zero (logit 0) and the text pieces' rows give logits of standard deviation 2.5, so the
 * untrained model mostly samples whole pieces of text rather than stray UTF-8 bytes or </s>.
 */
export function demoModelFiles(seed: number): DemoModelFiles {
  const vocab = demoVocabulary();
  const config = demoConfig(vocab.length);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new RangeError(`seed must be an integer in [0, 2^32), got ${seed}`);
  const normal = normals(new SeededRng(seed));
  const checkpoint = writeCheckpoint(config, (slot, i, fanIn) => {
    switch (slot.kind) {
      case "norm":
        return 1;
      case "legacy":
        return 0;
      case "embedding":
        return EMBEDDING_STD * normal();
      case "linear": {
        if (slot.name === "wcls") return Math.floor(i / fanIn) < FIRST_TEXT_PIECE ? 0 : (LOGIT_STD * normal()) / Math.sqrt(fanIn);
        const gain = slot.name === "wq" || slot.name === "wk" ? 2.5 : 1;
        return (gain * normal()) / Math.sqrt(fanIn);
      }
    }
  });
  return { config, checkpoint, tokenizer: writeTokenizer(vocab) };
}
