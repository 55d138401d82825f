// A Hugging Face llama directory (config.json + model.safetensors) holding stories260K's weights,
// converted the way transformers' own conversion script does (HF names, rotate-half q/k rows), runs
// to exactly run.c's greedy story and reports the same parameters as the llama2.c file.
import { hfLlamaFromLlama2c, readLlama2c, writeHfFolder } from "@wasmformer/test-checkpoints";
import { fixturePath, readFixture } from "@wasmformer/test-fixtures";
import { copyFileSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runBin } from "./helpers.js";
import { expectedGreedy } from "./support/expected.js";
import { type TinyGpt2, writeTinyGpt2 } from "./support/tiny-gpt2.js";

let dir: string;

beforeAll(() => {
  dir = join(mkdtempSync(join(tmpdir(), "wasmformer-hf-")), "stories260K-hf");
  writeHfFolder(dir, hfLlamaFromLlama2c(readLlama2c(readFixture("llama2c/stories260K.bin"))));
  symlinkSync(fixturePath("llama2c/tok512.bin"), join(dir, "tokenizer.bin"));
});

describe("Hugging Face directories", () => {
  it("run <dir> -t 0 -n 200 prints run.c's greedy story (tokenizer found inside the directory)", () => {
    const r = runBin(["run", dir, "-t", "0", "-n", "200"]);
    expect(r.stderr).toMatch(/tok\/s/);
    expect(r).toMatchObject({ code: 0, stdout: expectedGreedy() });
    // The .safetensors path inside the directory means the same model.
    const short = runBin(["run", dir, "-t", "0", "-n", "40"]);
    expect(runBin(["run", join(dir, "model.safetensors"), "-t", "0", "-n", "40"]).stdout).toBe(short.stdout);
    expect(expectedGreedy().startsWith(short.stdout.trimEnd())).toBe(true);
  });

  it("inspect <dir> reports the llama2.c file's parameter table and a Hugging Face format", () => {
    const hf = JSON.parse(runBin(["inspect", dir, "--json"]).stdout) as { format: string; parameters: unknown; totalParameters: number };
    const bin = JSON.parse(runBin(["inspect", fixturePath("llama2c/stories260K.bin"), "--json"]).stdout) as typeof hf;
    expect(hf.format).toBe("huggingface llama");
    expect(bin.format).toBe("llama2.c");
    expect(hf.parameters).toEqual(bin.parameters);
    expect(hf.totalParameters).toBe(bin.totalParameters);
  });

  it("a broken config.json or safetensors file is one line naming the file", () => {
    const bad = join(mkdtempSync(join(tmpdir(), "wasmformer-hf-")), "bad");
    writeHfFolder(bad, hfLlamaFromLlama2c(readLlama2c(readFixture("llama2c/stories260K.bin"))));
    writeFileSync(join(bad, "config.json"), JSON.stringify({ model_type: "mamba" }));
    const r = runBin(["inspect", bad]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/config\.json.*model_type "mamba" is not supported/);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);

    writeFileSync(join(bad, "config.json"), "{}");
    writeFileSync(join(bad, "model.safetensors"), new Uint8Array(4));
    expect(runBin(["inspect", bad]).code).toBe(1);

    const noWeights = mkdtempSync(join(tmpdir(), "wasmformer-hf-"));
    writeFileSync(join(noWeights, "config.json"), JSON.stringify({ model_type: "gpt2", n_embd: 8, n_layer: 1, n_head: 2, vocab_size: 16, n_positions: 8 }));
    expect(runBin(["run", noWeights])).toMatchObject({ code: 1, stderr: `error: cannot read checkpoint ${join(noWeights, "model.safetensors")}: no such file\n` });
  });
});

describe("a tiny GPT-2 directory (no BOS, vocabulary padded past the tokenizer's)", () => {
  let root: string;
  let tokenizer: string;
  const promptIds = (text: string): number[] => runBin(["tokenize", "--ids", "-z", tokenizer, text]).stdout.trim().split(" ").map(Number);
  const decoded = (ids: number[]): string => runBin(["decode", "-z", tokenizer, ...ids.map(String)]).stdout;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), "wasmformer-gpt2-"));
    const corpus = join(root, "corpus.txt");
    writeFileSync(corpus, readFileSync(new URL("../README.md", import.meta.url)));
    tokenizer = join(root, "tokenizer.json");
    const trained = runBin(["train", "--vocab-size", "300", "--special", "<|endoftext|>", "-o", tokenizer, corpus]);
    expect(trained.code).toBe(0);
  });

  function model(name: string, favourite: number): { dir: string; tiny: TinyGpt2 } {
    const dir = join(root, name);
    const tiny = writeTinyGpt2(dir, { vocab: 320, favourite });
    copyFileSync(tokenizer, join(dir, "tokenizer.json"));
    return { dir, tiny };
  }

  it("greedy run echoes the whole prompt (no BOS to skip) and repeats the token the classifier favours", () => {
    const { dir } = model("fav42", 42);
    const prompt = promptIds("the");
    const repeats = 8 - prompt.length + 1;
    const expected = `the${decoded(Array(repeats).fill(42))}\n`;
    for (const sampler of ["default", "llama2c"]) {
      const r = runBin(["run", dir, "-t", "0", "-n", "8", "-i", "the", "--sampler", sampler]);
      expect({ sampler, code: r.code, stdout: r.stdout }).toEqual({ sampler, code: 0, stdout: expected });
    }
    // An empty prompt starts from <|endoftext|> (the tokenizer has no BOS).
    const json = JSON.parse(runBin(["run", dir, "-t", "0", "-n", "5", "--json"]).stdout) as { ids: number[]; promptTokens: number };
    expect(json).toMatchObject({ promptTokens: 1, ids: [42, 42, 42, 42, 42] });
  });

  it("inspect: learned positions and tied classifier counted; next-token odds are softmax(wte·b)", () => {
    const { dir, tiny } = model("fav42-inspect", 42);
    const report = JSON.parse(runBin(["inspect", dir, "--top-k", "3", "-i", "the cat", "--json"]).stdout) as {
      format: string;
      totalParameters: number;
      parameters: { component: string; expected: number; actual: number }[];
      topK: { next: { id: number; piece: string; probability: number }[] }[];
    };
    expect(report.format).toBe("huggingface gpt2");
    expect(report.totalParameters).toBe(tiny.parameters);
    expect(report.parameters.find((r) => r.component === "positions")).toMatchObject({ expected: 64 * 16, actual: 64 * 16 });
    expect(report.parameters.find((r) => r.component === "classifier")).toMatchObject({ expected: 0, actual: 0 });
    const logits = Array.from({ length: tiny.vocab }, (_, v) => tiny.b.reduce((s, bi, i) => s + bi * tiny.wte[v * tiny.dim + i]!, 0));
    const max = Math.max(...logits);
    const z = logits.reduce((s, l) => s + Math.exp(l - max), 0);
    const p42 = Math.exp(logits[42]! - max) / z;
    expect(report.topK).toHaveLength(promptIds("the cat").length);
    for (const step of report.topK) {
      expect(step.next[0]!.id).toBe(42);
      expect(Math.abs(step.next[0]!.probability - p42)).toBeLessThan(1e-5);
    }
  });

  it("a favoured id past the tokenizer's vocabulary ends generation cleanly and is labelled, not thrown on", () => {
    const { dir } = model("fav310", 310);
    const r = runBin(["run", dir, "-t", "0", "-n", "8", "-i", "the"]);
    expect(r).toMatchObject({ code: 0, stdout: "the\n" });
    const json = JSON.parse(runBin(["run", dir, "-t", "0", "-n", "8", "-i", "the", "--json"]).stdout) as { generatedTokens: number };
    expect(json.generatedTokens).toBe(0);
    const top = runBin(["inspect", dir, "--top-k", "1", "-i", "the"]);
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/"<unused 310>" \d+\.\d%/);
  });
});
