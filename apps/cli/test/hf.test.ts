// A Hugging Face llama directory (config.json + model.safetensors) holding stories260K's weights,
// converted the way transformers' own conversion script does (HF names, rotate-half q/k rows), runs
// to exactly run.c's greedy story and reports the same parameters as the llama2.c file.
import { fixturePath, readFixture } from "@wasmformer/test-fixtures";
import { mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runBin } from "./helpers.js";
import { expectedGreedy } from "./support/expected.js";
import { writeHfLlama } from "./support/hf-from-llama2c.js";
import { readLlama2c } from "./support/llama2c-file.js";

let dir: string;

beforeAll(() => {
  dir = join(mkdtempSync(join(tmpdir(), "wasmformer-hf-")), "stories260K-hf");
  writeHfLlama(readLlama2c(readFixture("llama2c/stories260K.bin")), dir);
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
    writeHfLlama(readLlama2c(readFixture("llama2c/stories260K.bin")), bad);
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
