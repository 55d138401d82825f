// Tokenizer throughput: @wasmformer/tokenizer's cl100k_base and o200k_base against tiktoken (OpenAI's
// Rust core compiled to WASM), js-tiktoken and gpt-tokenizer, on the same text; every library's ids are
// checked against ours before timing (the agreement column).
//   encode prose / unseen: MB/s of UTF-8 input;  decode: tok/s;  cold start: ms to build the encoding.
import { createRequire } from "node:module";
import { proseText, unseenText } from "../text.js";
import { SuiteUnavailable, type BenchCase, type Impl, type Suite, type SuiteContext } from "../types.js";

const require = createRequire(import.meta.url);

type Encoding = "cl100k_base" | "o200k_base";

interface Contender {
  name: string;
  kind: "js" | "external";
  encode(text: string): ArrayLike<number>;
  decode(ids: number[]): string;
  dispose?(): void;
}

interface Libraries {
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
      const gpt = (await import(`gpt-tokenizer/encoding/${enc}`)) as { encode(s: string, o?: unknown): number[]; decode(ids: number[]): string };
      out.push({ name: "gpt-tokenizer", kind: "external", encode: (s) => gpt.encode(s, { disallowedSpecial: new Set() }), decode: (ids) => gpt.decode(ids) });
      return out;
    },
    async cold(enc) {
      const data = await ranks(enc);
      const { Tiktoken } = await import("js-tiktoken/lite");
      const tiktoken = await import("tiktoken");
      const bpe = require(`tiktoken/encoders/${enc}.json`) as { bpe_ranks: string; special_tokens: Record<string, number>; pat_str: string };
      return [
        { name: "wasmformer", kind: "js", threads: 1, run: () => void tok.createEncoding(tok.TIKTOKEN_ENCODINGS[enc], data as never) },
        { name: "tiktoken (wasm)", kind: "external", threads: 1, run: () => new tiktoken.Tiktoken(bpe.bpe_ranks, bpe.special_tokens, bpe.pat_str).free() },
        { name: "js-tiktoken", kind: "external", threads: 1, run: () => void new Tiktoken(data as ConstructorParameters<typeof Tiktoken>[0]) },
      ];
    },
  };
}

function encodeCase(ctx: SuiteContext, libs: Libraries, enc: Encoding, kind: "prose" | "unseen"): BenchCase {
  const bytes = ctx.quick ? 16 * 1024 : 1024 * 1024;
  const text = kind === "prose" ? proseText(7, bytes) : unseenText(11, bytes);
  const size = Buffer.byteLength(text);
  return {
    suite: "tokenizer",
    id: `tokenizer encode ${enc} ${kind} ${(size / 1024).toFixed(0)}KB`,
    group: `encode ${kind}`,
    shape: enc,
    work: { textBytes: size },
    metric: "MB/s",
    quick: enc === "cl100k_base" && kind === "prose",
    tolerance: 0,
    async prepare() {
      const contenders = [await libs.ours(enc), ...(await libs.externals(enc))];
      const impls: Impl[] = contenders.map((c) => {
        let ids: ArrayLike<number> = [];
        return { name: c.name, kind: c.kind, threads: 1, run: () => void (ids = c.encode(text)), output: () => Float32Array.from(ids) };
      });
      return { impls, dispose: () => contenders.forEach((c) => c.dispose?.()) };
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

export const tokenizerSuite: Suite = {
  name: "tokenizer",
  description: "cl100k/o200k encode (prose, unseen) MB/s, decode tok/s, cold start ms vs tiktoken, js-tiktoken, gpt-tokenizer",
  async cases(ctx) {
    const libs = await libraries();
    const cases: BenchCase[] = [];
    for (const enc of ["cl100k_base", "o200k_base"] as const) {
      cases.push(encodeCase(ctx, libs, enc, "prose"), encodeCase(ctx, libs, enc, "unseen"), decodeCase(ctx, libs, enc));
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
    return cases;
  },
};
