// SentencePiece's trainer (`spm_train`, Debian package `sentencepiece`) as the reference for BPE
// training speed: found on PATH, run as a child process on a corpus file. Absent = not measured.
import { spawnSync } from "node:child_process";
import { accessSync, constants, readFileSync } from "node:fs";
import { delimiter, join } from "node:path";

/** The first executable `name` on `path` (a PATH-style list), or undefined. */
export function findOnPath(name: string, path = process.env.PATH ?? ""): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (dir === "") continue;
    const file = join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** e.g. "sentencepiece 0.1.97", or the binary's path when it does not say. */
export function spmVersion(bin: string): string {
  const r = spawnSync(bin, ["--version"], { encoding: "utf8" });
  const text = `${r.stdout ?? ""}${r.stderr ?? ""}`.trim().split("\n")[0];
  return text !== undefined && text !== "" ? text : bin;
}

/**
 * `spm_train --model_type=bpe --vocab_size=N` on `input`, writing `<prefix>.model/.vocab`.
 * Returns the vocabulary size it wrote (lines of the .vocab file).
 */
export function runSpmTrain(bin: string, input: string, prefix: string, vocabSize: number): number {
  const args = [`--input=${input}`, `--model_prefix=${prefix}`, "--model_type=bpe", `--vocab_size=${vocabSize}`, "--minloglevel=1"];
  const r = spawnSync(bin, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  if (r.status !== 0) {
    const last = (r.stderr ?? "").trim().split("\n").pop() ?? "";
    throw new Error(`spm_train exited with ${r.status ?? r.signal}: ${last}`);
  }
  return readFileSync(`${prefix}.vocab`, "utf8").split("\n").filter((l) => l !== "").length;
}
