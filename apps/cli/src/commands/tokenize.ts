import type { EncodeOptions } from "@wasmformer/tokenizer";
import type { Command } from "../command.js";
import { UsageError } from "../errors.js";
import { readTextInput } from "../input.js";
import { renderPieces } from "../render/pieces.js";
import { writeJson } from "../output.js";
import { BUILTIN_NAMES, DEFAULT_ENCODING, resolveTokenizer } from "../tokenizer-source.js";

export const TOKENIZER_FLAG_HELP = `built-in encoding (${BUILTIN_NAMES.join(", ")}) or a tokenizer file: tokenizer.json, SentencePiece .model, llama2.c tokenizer.bin, WordPiece vocab.txt, or a file written by 'wasmformer train'`;

export const tokenize: Command = {
  name: "tokenize",
  summary: "split text into tokens and show the pieces and their ids",
  usage: "[options] [text...]",
  description:
    "Text comes from the arguments, from --file, or from stdin. The default output shows every piece with its id\n" +
    `(coloured by token on a terminal). The default tokenizer is ${DEFAULT_ENCODING}.\n` +
    "--json prints { ids, pieces, offsets }: pieces are vocabulary entries, offsets are [start, end) in UTF-16\n" +
    "code units of the input (JavaScript string indices).",
  flags: [
    { name: "tokenizer", short: "z", kind: "string", value: "NAME|FILE", help: TOKENIZER_FLAG_HELP },
    { name: "file", short: "f", kind: "string", value: "PATH", help: "read the text from a file ('-' for stdin)" },
    { name: "ids", kind: "boolean", help: "print only the ids, space-separated" },
    { name: "count", short: "c", kind: "boolean", help: "print only the number of tokens" },
    { name: "allow-special", kind: "boolean", help: "encode special-token text (e.g. <|endoftext|>) as its special id (default: plain text)" },
    { name: "bos", kind: "boolean", help: "prepend the beginning-of-sequence id (--no-bos to omit; default: the format's own)" },
    { name: "eos", kind: "boolean", help: "append the end-of-sequence id" },
  ],
  examples: [
    'wasmformer tokenize "Understanding tokenization"',
    'wasmformer tokenize --tokenizer o200k_base --ids "Hello, world"',
    "wasmformer tokenize --count --file README.md",
    "cat notes.txt | wasmformer tokenize --json",
    "wasmformer tokenize -z tokenizer.bin --bos \"Once upon a time\"",
  ],
  async run(ctx) {
    const { flags, io } = ctx;
    const modes = ["ids", "count", "json"].filter((m) => (m === "json" ? ctx.global.json : flags.bool(m)));
    if (modes.length > 1) throw new UsageError(`choose one of --ids, --count, --json (got ${modes.map((m) => `--${m}`).join(" and ")})`, "tokenize");
    const text = await readTextInput(io, flags.positionals, flags.string("file"), "tokenize");
    const tokenizer = await resolveTokenizer(flags.string("tokenizer"), "tokenize");
    const options: EncodeOptions = { special: flags.bool("allow-special") ? "allow" : "plain" };
    if (flags.has("bos")) options.bos = flags.bool("bos");
    if (flags.has("eos")) options.eos = flags.bool("eos");

    if (flags.bool("count")) {
      io.stdout.write(`${tokenizer.count(text, options)}\n`);
      return 0;
    }
    const spans = tokenizer.encodeWithOffsets(text, options);
    if (flags.bool("ids")) {
      io.stdout.write(`${spans.map((s) => s.id).join(" ")}\n`);
    } else if (ctx.global.json) {
      writeJson(io, {
        ids: spans.map((s) => s.id),
        pieces: spans.map((s) => s.piece),
        offsets: spans.map((s) => [s.start, s.end]),
      });
    } else {
      io.stdout.write(renderPieces(text, spans, ctx.out));
    }
    return 0;
  },
};
