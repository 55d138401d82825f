// Tokenizer throughput: @wasmformer/tokenizer's cl100k_base and o200k_base against tiktoken (OpenAI's
// Rust core compiled to WASM), js-tiktoken and gpt-tokenizer, on the same text; every library's ids are
// checked against ours before timing (the agreement column).
//   encode prose ("repeated": a few hundred words recur, what caches help) / unseen (random strings):
//     MB/s of UTF-8 input;  decode: tok/s;  cold start: ms to build the encoding from rank data
//     already in memory;  worst case: ms to encode N identical characters (one huge pre-token);
//   train: tokenizer-train.ts.
import { createRequire } from "node:module";
import { proseText, unseenText } from "../text.js";
import { SuiteUnavailable, type BenchCase, type Impl, type Suite, type SuiteContext } from "../types.js";
import { coldProcessCase } from "./tokenizer-cold-process.js";
import { tokenizerJsonCase } from "./tokenizer-json.js";
import { trainingCase } from "./tokenizer-train.js";

const require = createRequire(import.meta.url);

type Encoding = "r50k_base" | "cl100k_base" | "o200k_base";

interface Contender {
  name: string;
  kind: "js" | "external";
  encode(text: string): ArrayLike<number>;
  decode(ids: number[]): string;
  /** Empty the library's pre-token → ids cache, if it has one. */
  clearCache?(): void;
  dispose?(): void;
}

interface Libraries {
  trainBpe: typeof import("@wasmformer/tokenizer").trainBpe;
  ours(enc: Encoding): Promise<Contender>;
  externals(enc: Encoding): Promise<Contender[]>;
  cold(enc: Encoding): Promise<Impl[]>;
}

async function libraries(): Promise<Libraries> {
  let tok: typeof import("@wasmformer/tokenizer");
  try {
    tok = await import("@wasmformer/tokenizer");
  } catch (e) {
    throw new SuiteUnavailable(`cannot import @wasmformer/tokenizer (not built yet?): ${e instanceof Error ? e.message : String(e)}`);
  }
  const ranks = async (enc: Encoding): Promise<unknown> => (await import(`js-tiktoken/ranks/${enc}`)).default;
  return {
    trainBpe: tok.trainBpe,
    async ours(enc) {
      const t = await tok.getEncoding(enc);
      return { name: "wasmformer", kind: "js", encode: (s) => t.encode(s, { special: "plain" }), decode: (ids) => t.decode(ids) };
    },
    async externals(enc) {
      const out: Contender[] = [];
      const tiktoken = await import("tiktoken");
      const wasm = tiktoken.get_encoding(enc);
      out.push({ name: "tiktoken (wasm)", kind: "external", encode: (s) => wasm.encode(s, [], []), decode: (ids) => new TextDecoder().decode(wasm.decode(Uint32Array.from(ids))) });
      const { Tiktoken } = await import("js-tiktoken/lite");
      const js = new Tiktoken((await ranks(enc)) as ConstructorParameters<typeof Tiktoken>[0]);
      out.push({ name: "js-tiktoken", kind: "external", encode: (s) => js.encode(s, [], []), decode: (ids) => js.decode(ids) });
      type Gpt = { encode(s: string, o?: unknown): number[]; decode(ids: number[]): string; clearMergeCache(): void };
      const gpt = (await import(`gpt-tokenizer/encoding/${enc}`)) as Gpt;
      out.push({
        name: "gpt-tokenizer",
        kind: "external",
        encode: (s) => gpt.encode(s, { disallowedSpecial: new Set() }),
        decode: (ids) => gpt.decode(ids),
        clearCache: () => gpt.clearMergeCache(),
      });
      return out;
    },
    async cold(enc) {
      const data = await ranks(enc);
      const { Tiktoken } = await import("js-tiktoken/lite");
      const tiktoken = await import("tiktoken");
      const bpe = require(`tiktoken/encoders/${enc}.json`) as { bpe_ranks: string; special_tokens: Record<string, number>; pat_str: string };
      type GptEncodingClass = { getEncodingApi(name: string, ranks: () => unknown): unknown };
      const { GptEncoding } = (await import("gpt-tokenizer/GptEncoding")) as unknown as { GptEncoding: GptEncodingClass };
      const gptRanks = ((await import(`gpt-tokenizer/bpeRanks/${enc}`)) as { default: unknown }).default;
      return [
        { name: "wasmformer", kind: "js", threads: 1, run: () => void tok.createEncoding(tok.TIKTOKEN_ENCODINGS[enc], data as never) },
        { name: "tiktoken (wasm)", kind: "external", threads: 1, run: () => new tiktoken.Tiktoken(bpe.bpe_ranks, bpe.special_tokens, bpe.pat_str).free() },
        { name: "js-tiktoken", kind: "external", threads: 1, run: () => void new Tiktoken(data as ConstructorParameters<typeof Tiktoken>[0]) },
        { name: "gpt-tokenizer", kind: "external", threads: 1, run: () => void GptEncoding.getEncodingApi(enc, () => gptRanks) },
      ];
    },
  };
}

/** Libraries timed on the 10 MB text (the others take tens of seconds per call there). */
const ON_10MB = new Set(["wasmformer", "tiktoken (wasm)"]);

function encodeCase(ctx: SuiteContext, libs: Libraries, enc: Encoding, kind: "prose" | "unseen", megabytes = 1): BenchCase {
  const bytes = ctx.quick ? 16 * 1024 : megabytes * 1024 * 1024;
  const text = kind === "prose" ? proseText(7, bytes) : unseenText(11, bytes);
  const size = Buffer.byteLength(text);
  const big = megabytes >= 10;
  return {
    suite: "tokenizer",
    id: `tokenizer encode ${enc} ${kind} ${(size / 1024).toFixed(0)}KB`,
    group: `encode ${kind}`,
    shape: big ? `${enc} ${megabytes} MB` : enc,
    work: { textBytes: size },
    metric: "MB/s",
    quick: enc === "cl100k_base" && kind === "prose",
    tolerance: 0,
    // A 10 MB call takes seconds: a few samples.
    ...(big ? { timing: { timeMs: 0, minSamples: 3, warmupSamples: 1, warmupMs: 0, targetSampleMs: 0 } } : {}),
    async prepare() {
      const contenders = [await libs.ours(enc), ...(await libs.externals(enc))].filter((c) => !big || ON_10MB.has(c.name));
      const impls: Impl[] = contenders.map((c) => {
        let ids: ArrayLike<number> = [];
        return { name: c.name, kind: c.kind, threads: 1, run: () => void (ids = c.encode(text)), output: () => Float32Array.from(ids) };
      });
      const notes = big ? ["10 MB: only wasmformer and tiktoken are timed (js-tiktoken and gpt-tokenizer take tens of seconds a call)"] : [];
      return { impls, notes, dispose: () => contenders.forEach((c) => c.dispose?.()) };
    },
  };
}

function decodeCase(ctx: SuiteContext, libs: Libraries, enc: Encoding): BenchCase {
  const text = proseText(13, ctx.quick ? 16 * 1024 : 1024 * 1024);
  return {
    suite: "tokenizer",
    id: `tokenizer decode ${enc}`,
    group: "decode",
    shape: enc,
    work: {},
    metric: "tok/s",
    quick: false,
    tolerance: 0,
    async prepare() {
      const ours = await libs.ours(enc);
      const ids = Array.from(ours.encode(text));
      this.work.tokens = ids.length;
      const contenders = [ours, ...(await libs.externals(enc))];
      const impls: Impl[] = contenders.map((c) => {
        let out = "";
        return { name: c.name, kind: c.kind, threads: 1, run: () => void (out = c.decode(ids)), output: () => Float32Array.of(out === text ? 1 : 0) };
      });
      return { impls, dispose: () => {} };
    },
  };
}

/** Seconds per call on N identical characters: timed once (single shot); js-tiktoken is not run at 100 000. */
const slowOnWorstCase = (name: string, chars: number): boolean => chars >= 100_000 || name === "js-tiktoken";

function worstCase(ctx: SuiteContext, libs: Libraries, chars: number): BenchCase {
  const text = "a".repeat(chars);
  const big = chars >= 100_000;
  return {
    suite: "tokenizer",
    id: `tokenizer worst case ${chars} identical chars cl100k_base`,
    group: "worst case",
    shape: `${chars / 1000}k × "a"`,
    work: { textBytes: chars },
    metric: "ms",
    quick: big,
    tolerance: 0,
    async prepare() {
      const notes: string[] = [];
      let contenders = [await libs.ours("cl100k_base")];
      if (ctx.quick) notes.push("--quick: the other libraries are not run on this case (seconds each)");
      else {
        const externals = await libs.externals("cl100k_base");
        contenders = [...contenders, ...externals.filter((c) => !big || c.name !== "js-tiktoken")];
        const once = contenders.filter((c) => c.kind === "external" && slowOnWorstCase(c.name, chars)).map((c) => c.name);
        if (once.length > 0) notes.push(`${once.join(", ")}: one timed call each (seconds per call)`);
        if (big) notes.push("js-tiktoken: not run (7 s at 10 000 chars; did not finish in 60 s at 100 000 in a trial on this machine)");
      }
      notes.push("every call starts with an empty merge cache (gpt-tokenizer's is cleared; ours does not cache pre-tokens this long)");
      const impls: Impl[] = contenders.map((c) => {
        let ids: ArrayLike<number> = [];
        return {
          name: c.name,
          kind: c.kind,
          threads: 1,
          singleShot: c.kind === "external" && slowOnWorstCase(c.name, chars),
          run: () => {
            c.clearCache?.();
            ids = c.encode(text);
          },
          output: () => Float32Array.from(ids),
        };
      });
      return { impls, notes, dispose: () => contenders.forEach((c) => c.dispose?.()) };
    },
  };
}

export const tokenizerSuite: Suite = {
  name: "tokenizer",
  description:
    "cl100k/o200k encode (prose; unseen 1 and 10 MB, and r50k unseen) MB/s, decode tok/s, cold start ms and memory, worst case (identical chars) vs tiktoken, js-tiktoken, gpt-tokenizer; Llama 3 tokenizer.json vs tokenizers.js; BPE training vs spm_train",
  async cases(ctx) {
    const libs = await libraries();
    const cases: BenchCase[] = [];
    cases.push(encodeCase(ctx, libs, "r50k_base", "unseen"));
    for (const enc of ["cl100k_base", "o200k_base"] as const) {
      cases.push(encodeCase(ctx, libs, enc, "prose"), encodeCase(ctx, libs, enc, "unseen"), decodeCase(ctx, libs, enc));
      if (!ctx.quick) cases.push(encodeCase(ctx, libs, enc, "unseen", 10));
      cases.push({
        suite: "tokenizer",
        id: `tokenizer cold start ${enc}`,
        group: "cold start",
        shape: enc,
        work: {},
        metric: "ms",
        quick: false,
        async prepare() {
          return { impls: await libs.cold(enc), dispose: () => {} };
        },
      });
    }
    cases.push(coldProcessCase("cl100k_base"), coldProcessCase("o200k_base"));
    cases.push(tokenizerJsonCase(ctx, "prose"), tokenizerJsonCase(ctx, "unseen"));
    cases.push(worstCase(ctx, libs, 10_000), worstCase(ctx, libs, 100_000));
    cases.push(trainingCase(libs.trainBpe, 1, true), trainingCase(libs.trainBpe, 10, false));
    return cases;
  },
};
