// Independent references for llama2.c's tokenizer, written here from the format description and
// run.c's source (not from src/):
// - parseTokenizerBin: a plain reading of tokenizer.bin;
// - runcEncode: a line-by-line transcription of run.c's `encode` (O(n²) rescans, as in C);
// - tokenizerJsonFromVocab: the Hugging Face tokenizer.json equivalent to a SentencePiece BPE
//   vocabulary (Hugging Face's LlamaConverter: merges from every split of every piece, ordered by the
//   merged piece's score), to be run by @anush008/tokenizers (the Rust tokenizers library).

export interface ReferenceVocab {
  /** Pieces as stored: UTF-8 bytes, " " for the SentencePiece "▁". */
  pieces: Uint8Array[];
  scores: number[];
}

export function parseTokenizerBin(file: Uint8Array): ReferenceVocab {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const pieces: Uint8Array[] = [];
  const scores: number[] = [];
  for (let offset = 4; offset < file.length; ) {
    scores.push(view.getFloat32(offset, true));
    const length = view.getInt32(offset + 4, true);
    pieces.push(file.slice(offset + 8, offset + 8 + length));
    offset += 8 + length;
  }
  return { pieces, scores };
}

const latin1 = (bytes: Uint8Array): string => Array.from(bytes, (b) => String.fromCharCode(b)).join("");

const sortedVocabs = new WeakMap<ReferenceVocab, Map<string, number>>();

/** run.c's sorted_vocab (built once per vocabulary, as run.c does on the first encode). */
function sortedVocab(vocab: ReferenceVocab): Map<string, number> {
  let index = sortedVocabs.get(vocab);
  if (index === undefined) {
    index = new Map();
    for (let i = 0; i < vocab.pieces.length; i++) {
      const key = latin1(vocab.pieces[i]);
      if (!index.has(key)) index.set(key, i);
    }
    sortedVocabs.set(vocab, index);
  }
  return index;
}

/** run.c's encode(t, text, bos, eos): the text is a C string (pass text without NUL). */
export function runcEncode(vocab: ReferenceVocab, text: string, bos: boolean, eos: boolean): number[] {
  const strLookup = (s: string): number => sortedVocab(vocab).get(s) ?? -1;
  const bytes = new TextEncoder().encode(text);
  const tokens: number[] = [];
  if (bos) tokens.push(1);
  if (bytes.length > 0) tokens.push(strLookup(" "));
  let buffer: number[] = [];
  for (let c = 0; c < bytes.length; c++) {
    if ((bytes[c] & 0xc0) !== 0x80) buffer = [];
    buffer.push(bytes[c]);
    if (c + 1 < bytes.length && (bytes[c + 1] & 0xc0) === 0x80 && buffer.length < 4) continue;
    const id = strLookup(String.fromCharCode(...buffer));
    if (id !== -1) tokens.push(id);
    else for (const b of buffer) tokens.push(b + 3);
    buffer = [];
  }
  const float = Math.fround;
  for (;;) {
    let bestScore = float(-1e10);
    let bestId = -1;
    let bestIdx = -1;
    for (let i = 0; i < tokens.length - 1; i++) {
      const id = strLookup(latin1(vocab.pieces[tokens[i]]) + latin1(vocab.pieces[tokens[i + 1]]));
      if (id !== -1 && vocab.scores[id] > bestScore) {
        bestScore = vocab.scores[id];
        bestId = id;
        bestIdx = i;
      }
    }
    if (bestIdx === -1) break;
    tokens.splice(bestIdx, 2, bestId);
  }
  if (eos) tokens.push(2);
  return tokens;
}

/**
 * What run.c's generate() prints for a sequence: every id after the first, each decoded against the id
 * before it (a leading space is dropped after BOS; "<0xNN>" prints the raw byte). The first id (BOS for
 * a prompt) is only context.
 */
export function runcPrinted(vocab: ReferenceVocab, ids: number[]): Uint8Array {
  const out: number[] = [];
  for (let k = 1; k < ids.length; k++) {
    let piece = Array.from(vocab.pieces[ids[k]]);
    if (ids[k - 1] === 1 && piece[0] === 0x20) piece = piece.slice(1);
    const m = /^<0x([0-9A-F]{2})>$/.exec(latin1(Uint8Array.from(piece)));
    out.push(...(m ? [parseInt(m[1], 16)] : piece));
  }
  return Uint8Array.from(out);
}

/** tokenizer.json (Hugging Face format) for a SentencePiece BPE vocabulary with byte fallback. */
export function tokenizerJsonFromVocab(vocab: ReferenceVocab): string {
  const utf8 = new TextDecoder("utf-8", { ignoreBOM: true }); // a piece may be U+FEFF
  const special = new Map([[0, "<unk>"], [1, "<s>"], [2, "</s>"]]);
  const names = vocab.pieces.map((p, id) => special.get(id) ?? utf8.decode(p).replaceAll(" ", "\u2581"));
  const ids = new Map(names.map((n, id) => [n, id]));
  const merges: { left: string; right: string; score: number; order: number }[] = [];
  names.forEach((piece, id) => {
    if (id < 259) return; // control and byte pieces are never merge results
    const chars = Array.from(piece);
    const local: { left: string; right: string }[] = [];
    for (let k = 1; k < chars.length; k++) {
      const left = chars.slice(0, k).join("");
      const right = chars.slice(k).join("");
      if (ids.has(left) && ids.has(right)) local.push({ left, right });
    }
    local.sort((a, b) => ids.get(a.left)! - ids.get(b.left)! || ids.get(a.right)! - ids.get(b.right)!);
    for (const m of local) merges.push({ ...m, score: vocab.scores[id], order: merges.length });
  });
  merges.sort((a, b) => b.score - a.score || a.order - b.order);
  const added = [...special].map(([id, content]) => ({
    id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true,
  }));
  return JSON.stringify({
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: added,
    normalizer: {
      type: "Sequence",
      normalizers: [
        { type: "Prepend", prepend: "\u2581" },
        { type: "Replace", pattern: { String: " " }, content: "\u2581" },
      ],
    },
    pre_tokenizer: null,
    post_processor: {
      type: "TemplateProcessing",
      single: [{ SpecialToken: { id: "<s>", type_id: 0 } }, { Sequence: { id: "A", type_id: 0 } }],
      pair: [{ SpecialToken: { id: "<s>", type_id: 0 } }, { Sequence: { id: "A", type_id: 0 } }, { Sequence: { id: "B", type_id: 1 } }],
      special_tokens: { "<s>": { id: "<s>", ids: [1], tokens: ["<s>"] } },
    },
    decoder: {
      type: "Sequence",
      decoders: [
        { type: "Replace", pattern: { String: "\u2581" }, content: " " },
        { type: "ByteFallback" },
        { type: "Fuse" },
        { type: "Strip", content: " ", start: 1, stop: 0 },
      ],
    },
    model: {
      type: "BPE",
      dropout: null,
      unk_token: "<unk>",
      continuing_subword_prefix: null,
      end_of_word_suffix: null,
      fuse_unk: true,
      byte_fallback: true,
      vocab: Object.fromEntries(names.map((n, id) => [n, id])),
      merges: merges.map((m) => `${m.left} ${m.right}`),
    },
  });
}
