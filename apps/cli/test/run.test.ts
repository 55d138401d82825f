// `run` through the binary against llama2.c's own expectations for stories260K (the fixture README
// quotes upstream test_all.py's expected stdout), run.c's counting of -n, JSON schema and errors.
import { fixturePath } from "@wasmformer/test-fixtures";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runBin } from "./helpers.js";
import { expectedGreedy } from "./support/expected.js";

const CHECKPOINT = fixturePath("llama2c/stories260K.bin");
const TOKENIZER = fixturePath("llama2c/tok512.bin");

describe("run", () => {
  it("greedy stories260K prints exactly run.c's text (default and llama2c samplers)", () => {
    const expected = expectedGreedy();
    expect(expected.startsWith("Once upon a time, there was a little girl named Lily.")).toBe(true);
    for (const sampler of ["default", "llama2c"]) {
      const r = runBin(["run", CHECKPOINT, "-z", TOKENIZER, "-t", "0.0", "-n", "200", "--sampler", sampler]);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(expected);
      expect(r.stderr).toMatch(/tok\/s/);
    }
  });

  it("the llama2c sampler at -t 1.0 -p 0.9 -s 133742 tells run.c's Timmy story", () => {
    const r = runBin(["run", CHECKPOINT, "-z", TOKENIZER, "-t", "1.0", "-p", "0.9", "-s", "133742", "-n", "64", "--sampler", "llama2c"]);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith("Once upon a time, there was a little boy named Timmy.")).toBe(true);
  });

  it("the default sampler: --top-k 1 at any temperature is run.c's greedy story; a seed repeats, another differs", () => {
    const topK1 = runBin(["run", CHECKPOINT, "-z", TOKENIZER, "-t", "1.5", "--top-k", "1", "-s", "3", "-n", "200"]);
    expect(topK1).toMatchObject({ code: 0, stdout: expectedGreedy() });
    const seeded = (seed: string) => runBin(["run", CHECKPOINT, "-z", TOKENIZER, "-t", "1.0", "--top-k", "40", "-s", seed, "-n", "120"]).stdout;
    expect(seeded("7")).toBe(seeded("7"));
    expect(seeded("7")).not.toBe(seeded("8"));
  });

  it("long flags mean the same as run.c's short ones; the prompt is echoed and counted in --steps", () => {
    const short = runBin(["run", CHECKPOINT, "-z", TOKENIZER, "-t", "0", "-n", "40", "-i", "Lily saw a dog"]);
    const long = runBin(["run", CHECKPOINT, "--tokenizer", TOKENIZER, "--temperature", "0", "--steps", "40", "--prompt", "Lily saw a dog"]);
    expect(short.code).toBe(0);
    expect(long.stdout).toBe(short.stdout);
    expect(short.stdout.startsWith("Lily saw a dog")).toBe(true);
    // run.c feeds positions 0..steps-1 and samples after the last prompt token: steps - prompt + 1
    // tokens after the prompt (BOS "Lily" " saw" " a" " do" "g" in tok512).
    const prompt = runBin(["tokenize", "--ids", "-z", TOKENIZER, "Lily saw a dog"]).stdout.trim().split(" ").map(Number);
    expect(prompt[0]).toBe(1);
    const json = JSON.parse(runBin(["run", CHECKPOINT, "-z", TOKENIZER, "-t", "0", "-n", "40", "-i", "Lily saw a dog", "--json"]).stdout) as { promptTokens: number; generatedTokens: number; text: string };
    expect(json.promptTokens).toBe(prompt.length);
    expect(json.generatedTokens).toBe(40 - prompt.length + 1);
    expect(short.stdout).toBe(`Lily saw a dog${json.text}\n`);
    // -n shorter than the prompt: run.c prints only the prompt pieces it reaches, samples nothing.
    expect(prompt).toEqual([1, 317, 394, 261, 400, 428]);
    expect(runBin(["run", CHECKPOINT, "-z", TOKENIZER, "-t", "0", "-n", "3", "-i", "Lily saw a dog"]).stdout).toBe("Lily saw a\n");
  });

  it("-n 0 and -n past the context mean the whole context (512 positions), as in run.c", () => {
    const all = runBin(["run", CHECKPOINT, "-z", TOKENIZER, "-t", "0", "-n", "0"]).stdout;
    expect(runBin(["run", CHECKPOINT, "-z", TOKENIZER, "-t", "0", "-n", "100000"]).stdout).toBe(all);
    expect(all.startsWith(expectedGreedy().trimEnd())).toBe(true);
  });

  it("a run that never samples BOS fills every position: 512 tokens for -n 0, one per position as run.c", () => {
    // Seed 12 happens to sample 512 tokens without BOS; run.c samples after each of positions 0..511.
    const args = ["run", CHECKPOINT, "-z", TOKENIZER, "-t", "1.0", "-s", "12", "--sampler", "llama2c"];
    const json = JSON.parse(runBin([...args, "-n", "0", "--json"]).stdout) as { generatedTokens: number; text: string };
    expect(json.generatedTokens).toBe(512);
    expect(runBin([...args, "-n", "0"]).stdout).toBe(`${json.text}\n`);
    expect(JSON.parse(runBin([...args, "-n", "511", "--json"]).stdout).generatedTokens).toBe(511);
  });

  it("every backend and --threads 2 print the same greedy story", () => {
    for (const flags of [["--backend", "js"], ["--backend", "wasm"], ["--backend", "wasm", "--threads", "2"]]) {
      const r = runBin(["run", CHECKPOINT, "-z", TOKENIZER, "-t", "0", "-n", "200", ...flags]);
      expect({ flags, code: r.code, stdout: r.stdout }).toEqual({ flags, code: 0, stdout: expectedGreedy() });
    }
    expect(runBin(["run", CHECKPOINT, "--backend", "gpu"]).code).toBe(2);
  });

  it("--json prints the documented fields; greedy continuation equals the streamed text", () => {
    const r = runBin(["run", CHECKPOINT, "-z", TOKENIZER, "-t", "0", "-n", "30", "--json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(out).sort()).toEqual(
      ["decodeTokensPerSecond", "generatedTokens", "ids", "prefillTokensPerSecond", "promptTokens", "text"].sort(),
    );
    expect(out.promptTokens).toBe(1);
    // 30 positions from BOS: 30 tokens sampled (the fixture's -n 200 story is 200 tokens).
    expect(out.generatedTokens).toBe(30);
    expect((out.ids as number[]).length).toBe(30);
    const story = runBin(["tokenize", "--ids", "-z", TOKENIZER], { input: expectedGreedy().trimEnd() }).stdout.trim().split(" ").map(Number);
    expect(story).toHaveLength(201);
    expect(out.ids).toEqual(story.slice(1, 31));
    expect(expectedGreedy().startsWith(out.text as string)).toBe(true);
    expect(out.decodeTokensPerSecond).toBeGreaterThan(0);
  });

  it("a truncated checkpoint is exit 1 naming the file, without a stack trace", () => {
    const dir = mkdtempSync(join(tmpdir(), "wasmformer-run-"));
    const truncated = join(dir, "truncated.bin");
    writeFileSync(truncated, readFileSync(CHECKPOINT).subarray(0, 100_000));
    const r = runBin(["run", truncated, "-z", TOKENIZER]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("truncated.bin");
    expect(r.stderr.split("\n").filter(Boolean)).toHaveLength(1);
    const header = join(dir, "header.bin");
    writeFileSync(header, readFileSync(CHECKPOINT).subarray(0, 12));
    expect(runBin(["run", header, "-z", TOKENIZER]).code).toBe(1);
  });

  it("missing checkpoint, mismatched tokenizer and bad flags fail clearly", () => {
    const missing = runBin(["run", "/no/such/model.bin"]);
    expect(missing).toMatchObject({ code: 1, stderr: "error: cannot read checkpoint /no/such/model.bin: no such file\n" });
    const big = runBin(["run", CHECKPOINT, "-z", fixturePath("llama2c/tokenizer.bin")]);
    expect(big.code).toBe(1);
    expect(big.stderr).toMatch(/32000 ids .* vocabulary of 512/);
    expect(runBin(["run"]).code).toBe(2);
    expect(runBin(["run", CHECKPOINT, "-t", "hot"]).stderr).toMatch(/-t expects a number, got "hot"/);
    expect(runBin(["run", CHECKPOINT, "--sampler", "llama2c", "--top-k", "5"]).code).toBe(2);
    const dir = mkdtempSync(join(tmpdir(), "wasmformer-run-"));
    copyFileSync(CHECKPOINT, join(dir, "model.bin"));
    const none = runBin(["run", join(dir, "model.bin")]);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/no tokenizer for .*model\.bin: pass -z FILE/);
  });
});
