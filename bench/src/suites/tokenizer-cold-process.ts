// Cold start as a user meets it: a fresh Node process imports the library, builds the encoding and
// encodes one short string (module parsing and rank decoding included, which the in-process cold start
// leaves out). The figure is the child's wall time, Node's own start-up and exit included: the
// "node (no import)" row is that baseline. The ids each child prints are checked against ours.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { BenchCase, Impl } from "../types.js";

type Encoding = "cl100k_base" | "o200k_base";

const SAMPLE = "hello world, naïve café 😀";

/** The async loader each @wasmformer/tokenizer/<encoding> subpath exports. */
const LOADERS: Record<Encoding, string> = { cl100k_base: "loadCl100kBase", o200k_base: "loadO200kBase" };

/** Child scripts (ESM, resolved from the bench package); each leaves the ids in `ids` and its encoding in `enc`. */
const SCRIPTS: Array<{ name: string; kind: Impl["kind"]; body: (enc: Encoding) => string }> = [
  { name: "node (no import)", kind: "probe", body: () => "const enc = null; const ids = [];" },
  // Each library through its one-encoding entry point (what a bundle that needs one vocabulary imports).
  {
    name: "wasmformer",
    kind: "js",
    body: (e) => `const m = await import("@wasmformer/tokenizer/${e}"); const enc = await m.${LOADERS[e]}(); const ids = enc.encode(S);`,
  },
  { name: "tiktoken (wasm)", kind: "external", body: (e) => `const { get_encoding } = await import("tiktoken"); const enc = get_encoding("${e}"); const ids = enc.encode(S);` },
  {
    name: "js-tiktoken",
    kind: "external",
    body: (e) =>
      `const { Tiktoken } = await import("js-tiktoken/lite"); const r = (await import("js-tiktoken/ranks/${e}")).default; const enc = new Tiktoken(r); const ids = enc.encode(S);`,
  },
  { name: "gpt-tokenizer", kind: "external", body: (e) => `const enc = await import("gpt-tokenizer/encoding/${e}"); const ids = enc.encode(S);` },
];

const benchDir = fileURLToPath(new URL("../..", import.meta.url));

/** What a child prints: the ids, and its memory after a full GC (V8 heap + external/ArrayBuffer bytes). */
interface ChildResult {
  ids: number[];
  bytes: number;
}

function runChild(script: string): ChildResult {
  const r = spawnSync(process.execPath, ["--expose-gc", "--input-type=module", "-e", script], { cwd: benchDir, encoding: "utf8" });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`child exited with ${r.status ?? r.signal}: ${(r.stderr ?? "").trim().split("\n").slice(-1)[0] ?? ""}`);
  return JSON.parse(r.stdout) as ChildResult;
}

export function coldProcessCase(enc: Encoding): BenchCase {
  return {
    suite: "tokenizer",
    id: `tokenizer cold start fresh process ${enc}`,
    group: "cold start (process)",
    shape: enc,
    work: {},
    metric: "ms",
    quick: false,
    tolerance: 0,
    timing: { timeMs: 0, minSamples: 5, warmupSamples: 1, warmupMs: 0, targetSampleMs: 0 },
    async prepare() {
      const impls: Impl[] = SCRIPTS.map((s) => {
        // The encoding stays referenced (globalThis.keep) through the GC, so its memory is counted.
        const script =
          `const S = ${JSON.stringify(SAMPLE)}; ${s.body(enc)} globalThis.keep = enc; gc(); await new Promise((r) => setTimeout(r, 50)); gc(); const mem = process.memoryUsage(); ` +
          `process.stdout.write(JSON.stringify({ ids: Array.from(ids), bytes: mem.heapUsed + mem.external }));`;
        let result: ChildResult = { ids: [], bytes: 0 };
        return {
          name: s.name,
          kind: s.kind,
          threads: 1,
          run: () => void (result = runChild(script)),
          output: s.kind === "probe" ? undefined : () => Float32Array.from(result.ids),
          extras: () => ({ "MB after load": Math.round(result.bytes / 1e5) / 10 }),
        };
      });
      return {
        impls,
        notes: [
          "wall time of a fresh `node` process: import + build the encoding + encode one string; the node (no import) row is Node's start-up alone",
          "MB after load: the child's V8 heap + external (ArrayBuffer) memory after two full GCs 50 ms apart (freed ArrayBuffers are released in the background), the encoding alive; the node (no import) row is the baseline",
        ],
        dispose: () => {},
      };
    },
  };
}
