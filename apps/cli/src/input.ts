// Where a command's text comes from: positional arguments, --file, or stdin. Missing files become
// one clear CliError naming the path.
import { readFileSync, statSync } from "node:fs";
import { CliError, UsageError } from "./errors.js";
import type { Io } from "./terminal.js";
import { readAllStdin } from "./terminal.js";

/** Reads a whole file, turning fs errors into a CliError that names the path and the reason. */
export function readFileOrFail(path: string, what = "file"): Uint8Array {
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new CliError(`${what} ${path} is a directory, expected a file`);
    size = st.size;
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`cannot read ${what} ${path}: ${fsReason(e)}`);
  }
  try {
    const bytes = readFileSync(path);
    if (bytes.length !== size) throw new CliError(`${what} ${path} changed while it was being read`);
    return bytes;
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`cannot read ${what} ${path}: ${fsReason(e)}`);
  }
}

export function fsReason(e: unknown): string {
  const code = (e as { code?: string } | null)?.code;
  if (code === "ENOENT") return "no such file";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EISDIR") return "is a directory";
  return e instanceof Error ? e.message : String(e);
}

export function decodeUtf8(bytes: Uint8Array): string {
  return new TextDecoder("utf-8").decode(bytes);
}

/**
 * Text input for a command: the positionals joined by spaces; or the file given by --file ("-" for
 * stdin); or stdin when neither is given and stdin is not a terminal.
 */
export async function readTextInput(io: Io, positionals: readonly string[], file: string | undefined, command: string): Promise<string> {
  if (file !== undefined && positionals.length > 0) {
    throw new UsageError("give the text either as arguments or with --file, not both", command);
  }
  if (file !== undefined && file !== "-") return decodeUtf8(readFileOrFail(file));
  if (positionals.length > 0 && !(positionals.length === 1 && positionals[0] === "-")) return positionals.join(" ");
  if (file === undefined && positionals.length === 0 && io.stdin.isTTY) {
    throw new UsageError("no input: give text as an argument, --file PATH, or pipe it on stdin", command);
  }
  return readAllStdin(io);
}
