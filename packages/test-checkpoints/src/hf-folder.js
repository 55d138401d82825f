// Writes a Hugging Face folder (config.json + model.safetensors) to disk.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Creates `dir` (and its parents) and writes config.json and model.safetensors into it. */
export function writeHfFolder(dir, files) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "config.json"), files.config);
  writeFileSync(join(dir, "model.safetensors"), files.safetensors);
}
