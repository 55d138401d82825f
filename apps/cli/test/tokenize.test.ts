// tokenize/decode through the built binary, checked against OpenAI's tiktoken (the npm wasm build of
// the reference Rust implementation) as an independent reference.
import { spawnSync } from "node:child_process";
import { get_encoding, type TiktokenEncoding } from "tiktoken";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BIN, runBin } from "./helpers.js";

const SAMPLE = "Understanding tokenization: héllo wörld 😀 naïve café\n\tindent  x = 42;\n";
const encoders = new Map<string, ReturnType<typeof get_encoding>>();
function reference(name: TiktokenEncoding, text: string): number[] {
  let enc = encoders.get(name);
  if (!enc) encoders.set(name, (enc = get_encoding(name)));
  return Array.from(enc.encode_ordinary(text));
}
afterAll(() => {
  for (const e of encoders.values()) e.free();
});

describe("tokenize", () => {
  it("--ids matches tiktoken for cl100k_base (default) and o200k_base, text from stdin", () => {
    for (const name of ["cl100k_base", "o200k_base"] as const) {
      const args = name === "cl100k_base" ? ["tokenize", "--ids"] : ["tokenize", "--ids", "--tokenizer", name];
      const r = runBin(args, { input: SAMPLE });
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      expect(r.stdout.trim().split(" ").map(Number)).toEqual(reference(name, SAMPLE));
    }
  });

  it("--json prints { ids, pieces, offsets } whose offsets cover the input and agree with tiktoken", () => {
    const r = runBin(["tokenize", "--json", "-z", "r50k_base", SAMPLE]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { ids: number[]; pieces: string[]; offsets: [number, number][] };
    expect(Object.keys(out).sort()).toEqual(["ids", "offsets", "pieces"]);
    expect(out.ids).toEqual(reference("r50k_base", SAMPLE));
    expect(out.pieces).toHaveLength(out.ids.length);
    expect(out.pieces.every((p) => typeof p === "string" && p.length > 0)).toBe(true);
    expect(out.offsets).toHaveLength(out.ids.length);
    expect(out.offsets[0][0]).toBe(0);
    expect(out.offsets.at(-1)?.[1]).toBe(SAMPLE.length);
    // Each token that is whole UTF-8 text (per tiktoken's own bytes) sits exactly at its offsets;
    // tokens that split a character (the emoji) cover that whole character.
    const enc = get_encoding("r50k_base");
    const strict = new TextDecoder("utf-8", { fatal: true });
    let whole = 0;
    out.ids.forEach((id, i) => {
      const [start, end] = out.offsets[i];
      if (i > 0) expect(start).toBeGreaterThanOrEqual(out.offsets[i - 1][0]);
      let text: string;
      try {
        text = strict.decode(enc.decode_single_token_bytes(id));
      } catch {
        expect(end).toBeGreaterThan(start);
        return;
      }
      expect(SAMPLE.slice(start, end)).toBe(text);
      whole++;
    });
    enc.free();
    expect(whole).toBeGreaterThan(out.ids.length - 3);
  });

  it("the default output lists the pieces as text and the ids, without colour when piped", () => {
    const r = runBin(["tokenize", "Understanding tokenization"]);
    expect(r.code).toBe(0);
    const ids = reference("cl100k_base", "Understanding tokenization");
    expect(r.stdout).toBe(`["Understanding", " token", "ization"]\n[${ids.join(", ")}]\n3 tokens\n`);
    expect(r.stdout).not.toContain("\x1b[");
  });

  it("FORCE_COLOR colours each token and NO_COLOR wins over it", () => {
    const coloured = runBin(["tokenize", "hello world"], { env: { FORCE_COLOR: "1" } });
    expect(coloured.stdout).toContain("\x1b[");
    const plain = runBin(["tokenize", "hello world"], { env: { FORCE_COLOR: "1", NO_COLOR: "1" } });
    expect(plain.stdout).not.toContain("\x1b[");
    const flag = runBin(["tokenize", "--no-color", "hello world"], { env: { FORCE_COLOR: "1" } });
    expect(flag.stdout).not.toContain("\x1b[");
  });

  it("--count reads --file and agrees with tiktoken", () => {
    const dir = mkdtempSync(join(tmpdir(), "wasmformer-cli-"));
    const file = join(dir, "in.txt");
    const text = SAMPLE.repeat(50);
    writeFileSync(file, text);
    const r = runBin(["tokenize", "--count", "--file", file]);
    expect(r.code).toBe(0);
    expect(Number(r.stdout)).toBe(reference("cl100k_base", text).length);
  });

  it("--allow-special encodes <|endoftext|> as its id; by default it is plain text", () => {
    const plain = runBin(["tokenize", "--ids", "a<|endoftext|>"]);
    expect(plain.stdout.trim().split(" ").map(Number)).toEqual(reference("cl100k_base", "a<|endoftext|>"));
    const special = runBin(["tokenize", "--ids", "--allow-special", "a<|endoftext|>"]);
    expect(special.stdout.trim()).toBe("64 100257");
  });

  it("empty input is zero tokens, not an error", () => {
    expect(runBin(["tokenize", "--count"], { input: "" })).toMatchObject({ code: 0, stdout: "0\n" });
    expect(JSON.parse(runBin(["tokenize", "--json"], { input: "" }).stdout)).toEqual({ ids: [], pieces: [], offsets: [] });
  });

  it("a missing --file or tokenizer file is exit 1 with one line naming the path", () => {
    const r = runBin(["tokenize", "--file", "/no/such/input.txt"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("error: cannot read file /no/such/input.txt: no such file\n");
    const t = runBin(["tokenize", "-z", "/no/such/tok.json", "hi"]);
    expect(t.code).toBe(1);
    expect(t.stderr).toMatch(/^error: cannot read tokenizer \/no\/such\/tok\.json: no such file\n$/);
  });

  it("conflicting modes and an unknown encoding name are usage errors (exit 2)", () => {
    expect(runBin(["tokenize", "--ids", "--count", "x"]).code).toBe(2);
    const r = runBin(["tokenize", "-z", "cl99k", "x"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown tokenizer "cl99k"/);
  });

  it("closing the pipe early (| head) exits quietly", () => {
    const r = spawnSync("bash", ["-c", `set -o pipefail; "${process.execPath}" "${BIN}" tokenize --json | head -c 5`], {
      input: "word ".repeat(400_000),
      encoding: "utf8",
    });
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe('{"ids');
    expect(r.status).toBe(0);
  });
});

describe("decode", () => {
  it("tokenize --ids | decode reproduces the input exactly, and matches tiktoken's decode of the same ids", () => {
    const ids = reference("o200k_base", SAMPLE);
    const r = runBin(["decode", "-z", "o200k_base", ...ids.map(String)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(SAMPLE);
    const fromJson = runBin(["decode", "-z", "o200k_base"], { input: JSON.stringify({ ids }) });
    expect(fromJson.stdout).toBe(SAMPLE);
  });

  it("--json prints { text, ids }", () => {
    const r = runBin(["decode", "--json", "9906", "11", "1917"]);
    expect(JSON.parse(r.stdout)).toEqual({ text: "Hello, world", ids: [9906, 11, 1917] });
  });

  it("an id outside the vocabulary is exit 1 naming the index; a non-number argument is exit 2", () => {
    const r = runBin(["decode", "1", "99999999"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/token 1 is id 99999999, outside the vocabulary of cl100k_base/);
    const bad = runBin(["decode", "12", "abc"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/token 1 is "abc"/);
  });

  it("empty stdin decodes to empty output", () => {
    expect(runBin(["decode"], { input: "" })).toMatchObject({ code: 0, stdout: "" });
  });
});
