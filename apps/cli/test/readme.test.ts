// Every `wasmformer …` line in the README's sh blocks runs (through bash, so pipes work) in a scratch
// directory where the fixture files it names are symlinked; "# …" lines right under a command are its
// expected output and must match ("#" alone is an empty line; lines containing "…" are abbreviated and
// skipped).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { hfLlamaFromLlama2c, readLlama2c, writeHfFolder } from "@wasmformer/test-checkpoints";
import { fixturePath, readFixture } from "@wasmformer/test-fixtures";
import { describe, expect, it } from "vitest";
import { BIN } from "./helpers.js";

interface Example {
  command: string;
  expected: string[];
}

function examples(markdown: string): Example[] {
  const out: Example[] = [];
  for (const block of markdown.matchAll(/```sh\n([\s\S]*?)```/g)) {
    for (const line of block[1].split("\n")) {
      if (line.startsWith("wasmformer ")) out.push({ command: line.replace(/\s+#.*$/, ""), expected: [] });
      else if ((line === "#" || line.startsWith("# ")) && out.length > 0) out[out.length - 1].expected.push(line.slice(2));
    }
  }
  return out;
}

/** Too slow for unit tests (they run benchmarks); `bench --list` stays. */
const SLOW = /^wasmformer bench (--quick|--json)/;

describe("README examples", () => {
  it("run and print what the README says", () => {
    const dir = mkdtempSync(join(tmpdir(), "wasmformer-readme-"));
    for (const f of ["tokenizer.model", "tokenizer.bin", "tok512.bin", "stories260K.bin"]) symlinkSync(fixturePath(`llama2c/${f}`), join(dir, f));
    // A Hugging Face directory with stories260K's weights and its tokenizer inside.
    writeHfFolder(join(dir, "stories260K-hf"), hfLlamaFromLlama2c(readLlama2c(readFixture("llama2c/stories260K.bin"))));
    symlinkSync(fixturePath("llama2c/tok512.bin"), join(dir, "stories260K-hf", "tokenizer.bin"));
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    writeFileSync(join(dir, "README.md"), readme);
    const prose = readme.replace(/```[\s\S]*?```/g, "");
    writeFileSync(join(dir, "notes.txt"), prose);
    writeFileSync(join(dir, "more.txt"), prose);
    const list = examples(readme).filter((e) => !SLOW.test(e.command));
    expect(list.length).toBeGreaterThan(8);
    for (const { command, expected } of list) {
      const r = spawnSync("bash", ["-c", `set -o pipefail; wasmformer() { "${process.execPath}" "${BIN}" "$@"; }; ${command}`], {
        cwd: dir,
        encoding: "utf8",
        env: { ...process.env, NO_COLOR: "1" },
      });
      expect({ command, code: r.status, stderr: r.status === 0 ? "" : r.stderr }).toEqual({ command, code: 0, stderr: "" });
      const lines = r.stdout.split("\n");
      expected.forEach((line, i) => {
        if (!line.includes("…")) expect({ command, line: lines[i] }).toEqual({ command, line });
      });
    }
  });
});
