import type { FlagSpec } from "./args.js";
import { Flags } from "./args.js";
import type { Io, Style } from "./terminal.js";

/** What every command receives. */
export interface CommandContext {
  flags: Flags;
  io: Io;
  /** Styling for stdout (data). */
  out: Style;
  /** Styling for stderr (logs). */
  err: Style;
  /** Write a log line to stderr (never stdout). */
  log(message: string): void;
  /** Options shared by every command. */
  global: GlobalOptions;
}

export interface GlobalOptions {
  json: boolean;
  debug: boolean;
  backend: "wasm" | "js" | "auto";
  threads: number;
}

export interface Command {
  name: string;
  summary: string;
  /** Usage line after the command name, e.g. "[options] <checkpoint>". */
  usage: string;
  description?: string;
  flags: FlagSpec[];
  examples: string[];
  run(ctx: CommandContext): Promise<number>;
}

/** Flags every command accepts. */
export const GLOBAL_FLAGS: FlagSpec[] = [
  { name: "help", short: "h", kind: "boolean", help: "show help for the command" },
  { name: "json", kind: "boolean", help: "machine-readable JSON on stdout" },
  { name: "backend", kind: "string", value: "wasm|js|auto", help: "kernel backend (default auto: wasm when the engine has SIMD)" },
  { name: "threads", kind: "int", value: "N", help: "worker threads for the kernels (default 1)" },
  { name: "color", kind: "boolean", help: "colour output (--no-color disables; NO_COLOR is respected)" },
  { name: "debug", kind: "boolean", help: "print stack traces on error" },
];
