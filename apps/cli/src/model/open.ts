// Opens a checkpoint with @wasmformer/model on the kernels the user asked for: a llama2.c `.bin` file,
// or a Hugging Face model directory (config.json + model.safetensors; the .safetensors or config.json
// path inside it works too). Loader errors become one CliError that names the file.
import { statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { type Kernels, createKernels } from "@wasmformer/kernels";
import { type Transformer, loadHuggingFaceCheckpoint, loadLlama2cCheckpoint, readHuggingFaceConfig } from "@wasmformer/model";
import { CliError } from "../errors.js";
import { decodeUtf8, fsReason, readFileOrFail } from "../input.js";

export interface OpenOptions {
  backend: "wasm" | "js" | "auto";
  threads: number;
}

export interface OpenedCheckpoint {
  /** The path the user gave. */
  readonly path: string;
  /** The directory holding the checkpoint (where a tokenizer may sit beside it). */
  readonly dir: string;
  readonly format: "llama2.c" | "huggingface llama" | "huggingface gpt2";
  readonly model: Transformer;
  readonly kernels: Kernels;
  /** Frees the model and the kernels (and their worker threads). */
  dispose(): void;
}

interface Source {
  kind: "llama2c" | "huggingface";
  dir: string;
  /** The weights file (llama2.c .bin or model.safetensors). */
  weights: string;
}

function locate(path: string): Source {
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch (e) {
    throw new CliError(`cannot read checkpoint ${path}: ${fsReason(e)}`);
  }
  if (isDir) return { kind: "huggingface", dir: path, weights: join(path, "model.safetensors") };
  const name = basename(path);
  if (name.endsWith(".safetensors") || name === "config.json") {
    const dir = dirname(path);
    return { kind: "huggingface", dir, weights: name === "config.json" ? join(dir, "model.safetensors") : path };
  }
  return { kind: "llama2c", dir: dirname(path), weights: path };
}

function load(source: Source, kernels: Kernels): { model: Transformer; format: OpenedCheckpoint["format"] } {
  if (source.kind === "llama2c") {
    const bytes = readFileOrFail(source.weights, "checkpoint");
    return { model: loadLlama2cCheckpoint(bytes, { kernels, file: source.weights }), format: "llama2.c" };
  }
  const configPath = join(source.dir, "config.json");
  const configText = decodeUtf8(readFileOrFail(configPath, "config"));
  // Read the config first under its real path, so a bad field is reported against config.json.
  const config = readHuggingFaceConfig(configText, configPath);
  const safetensors = readFileOrFail(source.weights, "checkpoint");
  const model = loadHuggingFaceCheckpoint({ config: configText, safetensors }, { kernels, file: source.weights });
  return { model, format: config.norm === "rms" ? "huggingface llama" : "huggingface gpt2" };
}

/** One line naming the file, whatever the loader threw (ModelFileError messages already start with it). */
function describe(e: unknown, source: Source): CliError {
  if (e instanceof CliError) return e;
  const message = e instanceof Error ? e.message : String(e);
  const named = message.startsWith(source.weights) || message.startsWith(join(source.dir, "config.json"));
  const error = new CliError(named ? message : `${source.weights}: ${message}`);
  if (e instanceof Error) error.stack = e.stack;
  return error;
}

export async function openCheckpoint(path: string, options: OpenOptions): Promise<OpenedCheckpoint> {
  const source = locate(path);
  const kernels = await createKernels({ backend: options.backend, threads: options.threads });
  try {
    const { model, format } = load(source, kernels);
    return {
      path,
      dir: source.dir,
      format,
      model,
      kernels,
      dispose() {
        model.dispose();
        kernels.dispose();
      },
    };
  } catch (e) {
    kernels.dispose();
    throw describe(e, source);
  }
}

/** Why fewer threads run than were asked for (the kernels' own reason), or undefined. */
export function threadsNote(checkpoint: OpenedCheckpoint, requested: number): string | undefined {
  const { threads, reason } = checkpoint.kernels.info;
  return threads < requested ? `note: ${threads} kernel thread${threads === 1 ? "" : "s"}, not ${requested} — ${reason}` : undefined;
}
