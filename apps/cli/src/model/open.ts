// Opens a checkpoint as the CLI's LoadedCheckpoint. (Wired to @wasmformer/model once it lands.)
import { CliError } from "../errors.js";
import { readFileOrFail } from "../input.js";
import type { LoadedCheckpoint } from "./types.js";

export interface OpenOptions {
  backend: "wasm" | "js" | "auto";
  threads: number;
}

export async function openCheckpoint(path: string, _options: OpenOptions): Promise<LoadedCheckpoint> {
  readFileOrFail(path, "checkpoint");
  throw new CliError("running checkpoints needs @wasmformer/model, which is not available yet");
}
