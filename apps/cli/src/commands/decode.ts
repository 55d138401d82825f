import type { Command } from "../command.js";
import { CliError, UsageError } from "../errors.js";
import { readAllStdin } from "../terminal.js";
import { writeJson } from "../output.js";
import { resolveTokenizer } from "../tokenizer-source.js";
import { TOKENIZER_FLAG_HELP } from "./tokenize.js";

/** Ids separated by spaces, commas or newlines; a JSON array; or tokenize --json output ({ "ids": [...] }). */
export function parseIds(input: string, source: "arguments" | "stdin"): number[] {
  const trimmed = input.trim();
  if (trimmed === "") return [];
  let items: unknown[];
  if (trimmed.startsWith("[") || trimmed.startsWith("{")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      throw new CliError(`${source}: not valid JSON (expected an array of ids or { "ids": [...] })`);
    }
    const list = Array.isArray(parsed) ? parsed : (parsed as { ids?: unknown } | null)?.ids;
    if (!Array.isArray(list)) throw new CliError(`${source}: expected a JSON array of ids or an object with an "ids" array`);
    items = list;
  } else {
    items = trimmed.split(/[\s,]+/);
  }
  return items.map((item, i) => {
    const n = typeof item === "number" ? item : typeof item === "string" && /^\d+$/.test(item) ? Number(item) : Number.NaN;
    if (!Number.isSafeInteger(n) || n < 0) {
      const message = `${source}: token ${i} is ${JSON.stringify(item)}, not a non-negative integer id`;
      throw source === "arguments" ? new UsageError(message, "decode") : new CliError(message);
    }
    return n;
  });
}

export const decode: Command = {
  name: "decode",
  summary: "turn token ids back into text",
  usage: "[options] [id...]",
  description:
    "Ids come from the arguments or stdin: separated by spaces, commas or newlines, as a JSON array, or the\n" +
    "output of 'wasmformer tokenize --json'. The text is written exactly (no newline is added unless stdout is\n" +
    "a terminal), so 'tokenize --ids | decode' reproduces the input byte for byte.",
  flags: [
    { name: "tokenizer", short: "z", kind: "string", value: "NAME|FILE", help: TOKENIZER_FLAG_HELP },
    { name: "skip-special", kind: "boolean", help: "drop special/control tokens from the text" },
  ],
  examples: [
    "wasmformer decode 9906 11 1917",
    "wasmformer tokenize --ids 'héllo wörld' | wasmformer decode",
    "wasmformer tokenize --json -z o200k_base hi | wasmformer decode -z o200k_base",
    "wasmformer decode --json -z tokenizer.bin 1 9038 2501 263 931",
  ],
  async run(ctx) {
    const { flags, io } = ctx;
    const fromArgs = flags.positionals.length > 0;
    if (!fromArgs && io.stdin.isTTY) throw new UsageError("no ids: give them as arguments or pipe them on stdin", "decode");
    const ids = fromArgs ? parseIds(flags.positionals.join(" "), "arguments") : parseIds(await readAllStdin(io), "stdin");
    const tokenizer = await resolveTokenizer(flags.string("tokenizer"), "decode");
    const options = { skipSpecial: flags.bool("skip-special") };
    for (let i = 0; i < ids.length; i++) {
      if (ids[i] >= tokenizer.vocabSize) {
        throw new CliError(`token ${i} is id ${ids[i]}, outside the vocabulary of ${tokenizer.name} (0..${tokenizer.vocabSize - 1})`);
      }
    }
    if (ctx.global.json) {
      writeJson(io, { text: tokenizer.decode(ids, options), ids });
      return 0;
    }
    const bytes = tokenizer.decodeBytes(ids, options);
    io.stdout.write(bytes);
    if (io.stdout.isTTY && bytes.length > 0 && bytes[bytes.length - 1] !== 0x0a) io.stdout.write("\n");
    return 0;
  },
};
