// `wasmformer run` options with llama2.c's run.c meaning: the same short flags (-z -t -p -s -n -i -m)
// and the same clamping of out-of-range values, so a user can paste a run.c command line.
import type { Flags } from "../args.js";
import type { FlagSpec } from "../args.js";
import { UsageError } from "../errors.js";

export const RUN_FLAGS: FlagSpec[] = [
  { name: "tokenizer", short: "z", kind: "string", value: "FILE", help: "tokenizer file (default: tokenizer.json, tokenizer.model or tokenizer.bin beside the checkpoint or inside its directory)" },
  { name: "temperature", short: "t", kind: "number", value: "T", help: "0 = greedy; run.c's default 1.0; negative values become 0 (as run.c)" },
  { name: "top-p", short: "p", kind: "number", value: "P", help: "nucleus sampling threshold in [0, 1], default 0.9; outside that range becomes 0.9 (as run.c)" },
  { name: "top-k", kind: "int", value: "K", help: "keep only the K most likely tokens (default sampler only; 0 = off)" },
  { name: "seed", short: "s", kind: "int", value: "N", help: "random seed; 0 or absent = the current time (as run.c)" },
  { name: "steps", short: "n", kind: "int", value: "N", help: "positions to run, prompt included (run.c's -n, default 256); 0 = the model's context length" },
  { name: "prompt", short: "i", kind: "string", value: "TEXT", help: "the prompt (default empty: the model starts from BOS, or EOS when the tokenizer has no BOS)" },
  { name: "mode", short: "m", kind: "string", value: "generate", help: "run.c's mode; only generate is supported" },
  { name: "sampler", kind: "string", value: "default|llama2c", help: "llama2c reproduces run.c's sampler and RNG exactly, so stdout is byte-identical to run.c's" },
];

export type SamplerKind = "default" | "llama2c";

export interface RunOptions {
  checkpoint: string;
  tokenizer: string | undefined;
  temperature: number;
  topP: number;
  topK: number;
  /** The seed run.c would use (the current time when 0 or absent). */
  seed: number;
  /** Requested positions; 0 means the model's context length (resolved once the config is known). */
  steps: number;
  prompt: string;
  sampler: SamplerKind;
}

export function readRunOptions(flags: Flags, now: () => number = () => Math.floor(Date.now() / 1000)): RunOptions {
  const positionals = flags.positionals;
  if (positionals.length === 0) throw new UsageError("missing <checkpoint> (a llama2.c .bin file or a Hugging Face model directory)", "run");
  if (positionals.length > 1) throw new UsageError(`expected one checkpoint, got ${positionals.length} arguments: ${positionals.join(" ")} (quote the prompt: -i "...")`, "run");
  const mode = flags.string("mode") ?? "generate";
  if (mode !== "generate") throw new UsageError(`-m ${mode} is not supported (only generate)`, "run");
  const sampler = flags.string("sampler") ?? "default";
  if (sampler !== "default" && sampler !== "llama2c") throw new UsageError(`--sampler must be default or llama2c, got "${sampler}"`, "run");
  const topK = flags.number("top-k") ?? 0;
  if (topK < 0) throw new UsageError(`--top-k must be ≥ 0, got ${topK}`, "run");
  if (sampler === "llama2c" && topK > 0) throw new UsageError("--top-k is not part of llama2.c's sampler; drop it or use --sampler default", "run");

  // run.c's clamping, verbatim in meaning.
  let temperature = flags.number("temperature") ?? 1.0;
  if (temperature < 0) temperature = 0;
  if (sampler === "default" && temperature > 100) throw new UsageError(`--temperature must be at most 100, got ${temperature}`, "run");
  let topP = flags.number("top-p") ?? 0.9;
  if (topP < 0 || topP > 1) topP = 0.9;
  let seed = flags.number("seed") ?? 0;
  if (seed < 0) throw new UsageError(`--seed must be ≥ 0, got ${seed}`, "run");
  if (seed === 0) seed = now();
  let steps = flags.number("steps") ?? 256;
  if (steps < 0) steps = 0;

  return {
    checkpoint: positionals[0],
    tokenizer: flags.string("tokenizer"),
    temperature,
    topP,
    topK,
    seed,
    steps,
    prompt: flags.string("prompt") ?? "",
    sampler,
  };
}
