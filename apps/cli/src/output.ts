import type { Io } from "./terminal.js";

/** One JSON document on stdout, newline-terminated. */
export function writeJson(io: Io, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value)}\n`);
}
