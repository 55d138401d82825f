// Shared test support: the stories260K fixture, its tokenizer, run.c's expected output, the backends.
import type { KernelsOptions } from "@wasmformer/kernels";
import { readFixture } from "@wasmformer/test-fixtures";
import { type Llama2cTokenizer, loadLlama2cTokenizer } from "@wasmformer/tokenizer";

export const checkpointBytes = (): Uint8Array => new Uint8Array(readFixture("llama2c/stories260K.bin"));
export const tokenizer = (): Llama2cTokenizer => loadLlama2cTokenizer(new Uint8Array(readFixture("llama2c/tok512.bin")), { vocabSize: 512 });

/** run.c's stdout for `-t 0.0 -n 200` on stories260K, from the fixtures README (upstream test_all.py). */
export function expectedGreedyText(): string {
  const readme = new TextDecoder().decode(readFixture("llama2c/README.md"));
  const block = /prints exactly[\s\S]*?```\n([\s\S]*?)```/.exec(readme)?.[1];
  if (block === undefined) throw new Error("expected-output block not found in the fixtures README");
  return block.replace(/\n$/, "");
}

export const backends: Array<{ name: string; options: KernelsOptions }> = [
  { name: "js", options: { backend: "js" } },
  { name: "wasm simd", options: { backend: "wasm", variant: "simd" } },
  { name: "wasm relaxed-simd", options: { backend: "wasm", variant: "relaxed-simd" } },
  { name: "wasm relaxed-simd threads=2", options: { backend: "wasm", variant: "relaxed-simd", threads: 2 } },
];
