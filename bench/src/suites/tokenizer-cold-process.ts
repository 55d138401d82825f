// Cold start as a user meets it: a fresh Node process imports the library, builds the encoding and
// encodes one short string (module parsing and rank decoding included, which the in-process cold start
// leaves out). The figure is the child's wall time, Node's own start-up and exit included: the
// "node (no import)" row is that baseline. The ids each child prints are checked against ours.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { BenchCase, Impl } from "../types.js";

type Encoding = "cl100k_base" | "o200k_base";

const SAMPLE = "hello world, naïve café 😀";

/** Child scripts (ESM, resolved from the bench package); each leaves the ids in `ids`. */
const SCRIPTS: Array<{ name: string; kind: Impl["kind"]; body: (enc: Encoding) => string }> = [
  { name: "node (no import)", kind: "probe", body: () => "const ids = [];" },
  { name: "wasmformer", kind: "js", body: (enc) => `const { getEncoding } = await import("@wasmformer/tokenizer"); const ids = (await getEncoding("${enc}")).encode(S);` },
  { name: "tiktoken (wasm)", kind: "external", body: (enc) => `const { get_encoding } = await import("tiktoken"); const ids = get_encoding("${enc}").encode(S);` },
  {
    name: "js-tiktoken",
    kind: "external",
    body: (enc) => `const { Tiktoken } = await import("js-tiktoken/lite"); const r = (await import("js-tiktoken/ranks/${enc}")).default; const ids = new Tiktoken(r).encode(S);`,
  },
  { name: "gpt-tokenizer", kind: "external", body: (enc) => `const { encode } = await import("gpt-tokenizer/encoding/${enc}"); const ids = encode(S);` },
];

const benchDir = fileURLToPath(new URL("../..", import.meta.url));

function runChild(script: string): number[] {
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: benchDir, encoding: "utf8" });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`child exited with ${r.status ?? r.signal}: ${(r.stderr ?? "").trim().split("\n").slice(-1)[0] ?? ""}`);
  return JSON.parse(r.stdout) as number[];
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
        const script = `const S = ${JSON.stringify(SAMPLE)}; ${s.body(enc)} process.stdout.write(JSON.stringify(Array.from(ids)));`;
        let ids: number[] = [];
        return {
          name: s.name,
          kind: s.kind,
          threads: 1,
          run: () => void (ids = runChild(script)),
          output: s.kind === "probe" ? undefined : () => Float32Array.from(ids),
        };
      });
      return { impls, notes: ["wall time of a fresh `node` process: import + build the encoding + encode one string; the node (no import) row is Node's start-up alone"], dispose: () => {} };
    },
  };
}
