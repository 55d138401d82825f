import * as hf from "@anush008/tokenizers";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { TokenizerFileError, loadWordPieceTokenizer } from "../src/index.js";
import { HARD_STRINGS, mixedStrings } from "./support/formats-corpus.js";

const dir = mkdtempSync(join(tmpdir(), "wasmformer-wordpiece-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A BERT-like vocab.txt generated from the test corpus: specials, characters, ## characters, frequent words and suffixes. */
function generateVocab(cased: boolean): string[] {
  const text = mixedStrings(9, 500).join(" ");
  const folded = cased ? text : text.toLowerCase().normalize("NFD").replace(/\p{Mn}/gu, "");
  const words = folded.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
  const chars = [...new Set(words.join(""))].filter((c) => !/[\u3400-\u9fff]/u.test(c) || c < "\u5000");
  const counts = new Map<string, number>();
  for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
  const frequent = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 250).map(([w]) => w);
  const pieces = ["##ing", "##ed", "##er", "##s", "##ly", "##tion", "un", "re", "in"];
  const punct = [..."!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~。、「」！？"];
  return [...new Set(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", ...punct, ...chars, ...chars.map((c) => `##${c}`), ...frequent, ...pieces])];
}

async function reference(vocabFile: string, lowercase: boolean): Promise<hf.Tokenizer> {
  const model = await hf.WordPiece.fromFile(vocabFile, { unkToken: "[UNK]" });
  const t = new hf.Tokenizer(model);
  t.setNormalizer(hf.bertNormalizer({ lowercase, stripAccents: lowercase, cleanText: true, handleChineseChars: true }));
  t.setPreTokenizer(hf.bertPreTokenizer());
  t.setPostProcessor(hf.bertProcessing(["[SEP]", 3], ["[CLS]", 2]));
  t.setDecoder(hf.wordPieceDecoder("##", true));
  return t;
}

const CORPUS = [...HARD_STRINGS, ...mixedStrings(31, 250), "Unaffable running", "HeLLo, Wörld!", "中文字 test", "[CLS] literal [SEP]"];

describe.each([
  ["uncased", true],
  ["cased", false],
])("WordPiece from vocab.txt (%s)", (_label, lowercase) => {
  it("equals the Rust tokenizers library's WordPiece + BERT normalizer/pre-tokenizer on the same vocab.txt", async () => {
    const lines = generateVocab(!lowercase);
    const file = join(dir, `vocab-${String(lowercase)}.txt`);
    writeFileSync(file, `${lines.join("\n")}\n`);
    const ref = await reference(file, lowercase);
    const ours = loadWordPieceTokenizer(new TextEncoder().encode(`${lines.join("\r\n")}\r\n`), { lowercase });
    expect(ours.vocabSize).toBe(lines.length);
    expect([ours.bosId, ours.eosId, ours.padId, ours.unkId]).toEqual([2, 3, 0, 1]);
    for (const text of CORPUS) {
      const expected = await ref.encode(text);
      const ids = ours.encode(text);
      expect(ids, JSON.stringify(text)).toEqual(expected.getIds());
      expect(ours.encodeWithOffsets(text).map((s) => s.piece)).toEqual(expected.getTokens());
      expect(ours.decode(ids), JSON.stringify(text)).toBe(await ref.decode(ids, false));
    }
  });
});

describe("WordPiece vocab.txt errors", () => {
  it("names the file and offset of invalid UTF-8, and a missing [UNK]", () => {
    expect(() => loadWordPieceTokenizer(Uint8Array.of(0x61, 0x0a, 0x62, 0xff, 0x0a), { file: "v.txt" })).toThrow(/v\.txt, offset 3: not valid UTF-8/);
    expect(() => loadWordPieceTokenizer("")).toThrow(TokenizerFileError);
    expect(() => loadWordPieceTokenizer("a\nb\n", { file: "v.txt" })).toThrow(/v\.txt: the vocabulary has no unknown token "\[UNK\]"/);
  });

  it("turns words longer than max_input_chars_per_word into [UNK]", () => {
    const t = loadWordPieceTokenizer("[UNK]\na\n##a\n", { maxInputCharsPerWord: 5 });
    expect(t.encode("aaaaa aaaaaa")).toEqual([1, 2, 2, 2, 2, 0]);
  });
});
