// train → tokenize round trip through the binary. The first merge is checked against a pair count
// written here (bytes of space-separated lowercase words, as GPT-style pre-tokenizers split them).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, runBin } from "./helpers.js";

const SYLLABLES = ["to", "ken", "iz", "er", "mer", "ge", "by", "te", "pa", "ir", "tra", "in", "s", "lo", "qu", "ax"];

/** A deterministic corpus of made-up lowercase words (xorshift choices), one sentence per line. */
function corpus(lines: number): string {
  let s = 0x9e3779b9;
  const next = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
  const words = Array.from({ length: 300 }, () =>
    Array.from({ length: 1 + Math.floor(next() * 4) }, () => SYLLABLES[Math.floor(next() * SYLLABLES.length)]).join(""),
  );
  const out: string[] = [];
  for (let l = 0; l < lines; l++) {
    const n = 4 + Math.floor(next() * 8);
    out.push(Array.from({ length: n }, () => words[Math.floor(next() * next() * words.length)]).join(" "));
  }
  return `${out.join("\n")}\n`;
}

/** Most frequent adjacent byte pair over the pre-tokenized words ("word" at line start, " word" after a space). */
function topPair(text: string): { pair: string; count: number; runnerUp: number } {
  const counts = new Map<string, number>();
  for (const line of text.split("\n")) {
    line.split(" ").forEach((w, i) => {
      if (!w) return;
      const word = i === 0 ? w : ` ${w}`;
      for (let k = 0; k + 1 < word.length; k++) {
        const key = `${word[k]}\u0000${word[k + 1]}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    });
  }
  const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  return { pair: sorted[0][0], count: sorted[0][1], runnerUp: sorted[1][1] };
}

describe("train", () => {
  const dir = mkdtempSync(join(tmpdir(), "wasmformer-train-"));
  const text = corpus(400);
  const corpusFile = join(dir, "corpus.txt");
  writeFileSync(corpusFile, text);
  const tokFile = join(dir, "tok.json");

  it("learns merges to --vocab-size, writes a tokenizer.json, shows the first merges; the top pair merges first", () => {
    const r = runBin(["train", "--vocab-size", "300", "-o", tokFile, "--show-merges", "3", corpusFile]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    for (const l of lines) expect(l).toMatch(/^\S+ \S+ → \S+$/);
    const { pair, count, runnerUp } = topPair(text);
    expect(count).toBeGreaterThan(runnerUp); // no tie: the expectation is unambiguous
    const [left, right] = pair.split("\u0000").map((c) => c.replace(" ", "␣"));
    expect(lines[0]).toBe(`${left} ${right} → ${left}${right}`);
    expect(r.stderr).toMatch(/learned 44 merges .* vocabulary 300 → /);
    expect(r.stderr).not.toContain("\r"); // no progress bar when stderr is not a terminal
    const json = JSON.parse(readFileSync(tokFile, "utf8")) as { model: { type: string; vocab: Record<string, number>; merges: unknown[] } };
    expect(json.model.type).toBe("BPE");
    expect(Object.keys(json.model.vocab)).toHaveLength(300);
    expect(json.model.merges).toHaveLength(44);
  });

  it("tokenize -z <trained file> round-trips the training text and compresses it", () => {
    const r = runBin(["tokenize", "--json", "-z", tokFile, "--file", corpusFile]);
    expect(r.code).toBe(0);
    const { ids } = JSON.parse(r.stdout) as { ids: number[] };
    expect(ids.length).toBeLessThan(Buffer.byteLength(text) / 2);
    expect(Math.max(...ids)).toBeLessThan(300);
    const d = runBin(["decode", "-z", tokFile], { input: ids.join(" ") });
    expect(d.stdout).toBe(text);
  });

  it("--json reports the run; special tokens get ids after the learned ones", () => {
    const out = join(dir, "special.json");
    const r = runBin(["train", "--json", "-v", "280", "--special", "<|endoftext|>", "-o", out, corpusFile]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({ output: out, vocabSize: 280, merges: 23, stoppedBecause: "vocab-size" });
    expect(runBin(["tokenize", "--ids", "--allow-special", "-z", out, "<|endoftext|>"]).stdout).toBe("279\n");
  });

  it("shows a progress bar on a terminal", () => {
    const script = spawnSync("script", ["-qec", `"${process.execPath}" "${BIN}" train -v 300 -o "${join(dir, "tty.json")}" "${corpusFile}"`, "/dev/null"], {
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1" },
    });
    if (script.error) throw script.error;
    expect(script.stdout).toMatch(/\rtraining .*100% 44 merges/);
  });

  it("empty training text, missing files and missing required flags fail clearly", () => {
    const empty = join(dir, "empty.txt");
    writeFileSync(empty, "");
    const e = runBin(["train", "-v", "300", "-o", join(dir, "e.json"), empty]);
    expect(e.code).toBe(1);
    expect(e.stderr).toBe(`error: the training text is empty (${empty})\n`);
    const m = runBin(["train", "-v", "300", "-o", join(dir, "m.json"), join(dir, "nope.txt")]);
    expect(m.code).toBe(1);
    expect(m.stderr).toMatch(/cannot read training file .*nope\.txt: no such file/);
    expect(runBin(["train", "-o", tokFile, corpusFile]).stderr).toMatch(/--vocab-size N is required/);
    expect(runBin(["train", "-v", "300", corpusFile]).code).toBe(2);
    const small = runBin(["train", "-v", "100", "-o", join(dir, "s.json"), corpusFile]);
    expect(small.code).toBe(2);
    expect(small.stderr).toMatch(/--vocab-size must be at least 256 .* got 100/);
  });
});
