import type { Command } from "../command.js";
import { bench } from "./bench.js";
import { decode } from "./decode.js";
import { inspect } from "./inspect.js";
import { run } from "./run.js";
import { tokenize } from "./tokenize.js";
import { train } from "./train.js";

/** Every command, in the order `wasmformer --help` lists them. */
export const COMMANDS: readonly Command[] = [tokenize, decode, train, run, inspect, bench];
