// The tokenizer that goes with a checkpoint: -z FILE, else a tokenizer file beside it (or inside the
// model directory). Its vocabulary must fit the model's.
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Tokenizer } from "@wasmformer/tokenizer";
import { CliError } from "../errors.js";
import { loadTokenizerFile } from "../tokenizer-source.js";
import type { OpenedCheckpoint } from "./open.js";

const BESIDE = ["tokenizer.json", "tokenizer.model", "tokenizer.bin"];

/** tokenizer.json / tokenizer.model / tokenizer.bin in `dir`, the first that exists. */
export function tokenizerBeside(dir: string): string | undefined {
  return BESIDE.map((f) => join(dir, f)).find((p) => existsSync(p));
}

export function tokenizerFor(checkpoint: OpenedCheckpoint, explicit: string | undefined): Tokenizer {
  const path = explicit ?? tokenizerBeside(checkpoint.dir);
  if (path === undefined) {
    throw new CliError(`no tokenizer for ${checkpoint.path}: pass -z FILE (no ${BESIDE.join(", ")} beside it)`);
  }
  const tokenizer = loadTokenizerFile(path);
  const modelVocab = checkpoint.model.config.vocabSize;
  // llama2.c pairs a checkpoint with exactly its vocabulary; Hugging Face embeddings may be padded
  // past the tokenizer's ids, never the other way round.
  const fits = checkpoint.format === "llama2.c" ? tokenizer.vocabSize === modelVocab : tokenizer.vocabSize <= modelVocab;
  if (!fits) {
    throw new CliError(`tokenizer ${path} has ${tokenizer.vocabSize} ids but ${checkpoint.path} has a vocabulary of ${modelVocab}: they do not belong together`);
  }
  return tokenizer;
}
