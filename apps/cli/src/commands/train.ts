// `wasmformer train`: learn a byte-level BPE from text files with the tokenizer package's trainer,
// showing a progress bar on a terminal, and write a tokenizer.json that `tokenize -z` loads.
import { writeFileSync } from "node:fs";
import { CL100K_PATTERN, O200K_PATTERN, R50K_PATTERN, trainBpe, trainedBpeToTokenizerJson } from "@wasmformer/tokenizer";
import type { Command } from "../command.js";
import { CliError, UsageError } from "../errors.js";
import { decodeUtf8, fsReason, readFileOrFail } from "../input.js";
import { writeJson } from "../output.js";
import { visible } from "../render/pieces.js";
import { Progress, readAllStdin } from "../terminal.js";

const PATTERNS: Record<string, string> = { cl100k: CL100K_PATTERN, o200k: O200K_PATTERN, r50k: R50K_PATTERN };

/** A token's bytes as readable text: spaces as "␣", control characters escaped. */
function showToken(bytes: Uint8Array): string {
  return visible(new TextDecoder().decode(bytes)).replaceAll(" ", "␣");
}

export const train: Command = {
  name: "train",
  summary: "learn a byte-level BPE tokenizer from text files",
  usage: "[options] <file...>",
  description:
    "Reads the files ('-' for stdin), pre-tokenizes them with a GPT-style regex and learns merges until the\n" +
    "vocabulary reaches --vocab-size (256 byte tokens + merges + special tokens). The result is a\n" +
    "tokenizer.json that 'wasmformer tokenize -z FILE' (and Hugging Face tokenizers) load. Progress is\n" +
    "shown on stderr when it is a terminal.",
  flags: [
    { name: "vocab-size", short: "v", kind: "int", value: "N", help: "target vocabulary size, bytes and special tokens included (required)" },
    { name: "output", short: "o", kind: "string", value: "FILE", help: "where to write the tokenizer.json (required; '-' for stdout)" },
    { name: "pattern", kind: "string", value: "cl100k|o200k|r50k", help: "pre-tokenization regex (default cl100k)" },
    { name: "special", kind: "string", value: "TEXT", repeat: true, help: "a special token appended to the vocabulary (repeatable), e.g. <|endoftext|>" },
    { name: "min-frequency", kind: "int", value: "N", help: "a pair must occur at least N times to merge (default 2)" },
    { name: "show-merges", kind: "int", value: "N", help: "print the first N merges (\"t o → to\") on stdout" },
  ],
  examples: [
    "wasmformer train --vocab-size 1000 -o tok.json corpus.txt",
    "wasmformer train -v 512 -o tok.json --show-merges 10 a.txt b.txt",
    "cat *.md | wasmformer train -v 2000 --special '<|endoftext|>' -o tok.json -",
    'wasmformer tokenize -z tok.json "a sentence in the corpus"',
  ],
  async run(ctx) {
    const { flags, io } = ctx;
    const vocabSize = flags.number("vocab-size");
    const output = flags.string("output");
    if (vocabSize === undefined) throw new UsageError("--vocab-size N is required", "train");
    if (output === undefined) throw new UsageError("--output FILE is required ('-' for stdout)", "train");
    const specials = flags.list("special");
    if (vocabSize < 256 + specials.length) {
      throw new UsageError(`--vocab-size must be at least ${256 + specials.length} (256 byte tokens + ${specials.length} special), got ${vocabSize}`, "train");
    }
    const patternName = flags.string("pattern") ?? "cl100k";
    const pattern = PATTERNS[patternName];
    if (pattern === undefined) throw new UsageError(`--pattern must be one of ${Object.keys(PATTERNS).join(", ")}, got "${patternName}"`, "train");
    const showMerges = flags.number("show-merges") ?? 0;
    if (showMerges < 0) throw new UsageError(`--show-merges must be ≥ 0, got ${showMerges}`, "train");
    if (output === "-" && showMerges > 0) throw new UsageError("--show-merges prints on stdout; write the tokenizer to a file (-o FILE)", "train");
    const files = flags.positionals;
    if (files.length === 0) throw new UsageError("give at least one training file ('-' for stdin)", "train");

    const texts: string[] = [];
    let bytes = 0;
    for (const file of files) {
      const text = file === "-" ? await readAllStdin(io) : decodeUtf8(readFileOrFail(file, "training file"));
      bytes += Buffer.byteLength(text);
      texts.push(text);
    }
    if (bytes === 0) throw new CliError(`the training text is empty (${files.join(", ")})`);

    const progress = new Progress(io, "training");
    const started = performance.now();
    const trained = trainBpe(texts, {
      vocabSize,
      pattern,
      specialTokens: specials,
      minFrequency: flags.number("min-frequency"),
      onProgress: (p) => {
        if (p.phase === "merge") progress.update(p.done, p.total, `${p.done}/${p.total} merges`);
      },
    });
    const learned = trained.merges.length;
    progress.update(learned, learned, `${learned} merges`, true);
    progress.done();
    const seconds = (performance.now() - started) / 1000;
    const json = trainedBpeToTokenizerJson(trained);

    if (output === "-") io.stdout.write(json);
    else {
      try {
        writeFileSync(output, json);
      } catch (e) {
        throw new CliError(`cannot write ${output}: ${fsReason(e)}`);
      }
    }
    const merges = trained.merges.slice(0, showMerges).map(([l, r, id]) => ({
      left: showToken(trained.tokens[l]),
      right: showToken(trained.tokens[r]),
      result: showToken(trained.tokens[id]),
    }));
    const stopNote = trained.stoppedBecause === "no-frequent-pair" ? " (stopped early: no pair occurs often enough)" : "";
    if (ctx.global.json && output !== "-") {
      writeJson(io, {
        output,
        vocabSize: trained.vocabSize,
        merges: trained.merges.length,
        stoppedBecause: trained.stoppedBecause,
        corpusBytes: bytes,
        seconds,
        ...(showMerges > 0 && { firstMerges: merges }),
      });
    } else if (showMerges > 0) {
      for (const m of merges) io.stdout.write(`${m.left} ${m.right} → ${m.result}\n`);
    }
    ctx.log(
      `learned ${trained.merges.length} merges from ${bytes} bytes in ${seconds.toFixed(2)} s: vocabulary ${trained.vocabSize}${stopNote}` +
        (output === "-" ? "" : ` → ${output}`),
    );
    return 0;
  },
};
