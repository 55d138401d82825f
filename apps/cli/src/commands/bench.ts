// `wasmformer bench` runs the workspace's benchmark suites (the private @wasmformer/bench package,
// the same code as `pnpm bench`) in a child process. An installed CLI without the suites says so.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "../command.js";
import { CliError } from "../errors.js";

/** bench/dist/main.js of the workspace this CLI was built in, if it is there and built. */
export function findBenchEntry(start = dirname(fileURLToPath(import.meta.url))): string | undefined {
  let dir = start;
  for (;;) {
    const pkg = join(dir, "bench", "package.json");
    if (existsSync(pkg)) {
      try {
        const { name } = JSON.parse(readFileSync(pkg, "utf8")) as { name?: string };
        const entry = join(dir, "bench", "dist", "main.js");
        if (name === "@wasmformer/bench" && existsSync(entry)) return entry;
      } catch {
        // not ours; keep walking up
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export const bench: Command = {
  name: "bench",
  summary: "run the benchmark suites (kernels, tokenizer, model) — the same as `pnpm bench`",
  usage: "[options] [suite...]",
  description:
    "Runs the tinybench suites of the wasmformer workspace and prints the results table (stdout) with\n" +
    "progress on stderr. --json prints the full JSON report on stdout instead. The suites ship with the\n" +
    "source workspace, not with the published CLI: from a checkout run `pnpm build` first.",
  flags: [
    { name: "quick", kind: "boolean", help: "smoke run (< 60 s): a few small cases, short timings (not for speed claims)" },
    { name: "grep", kind: "string", value: "TEXT", repeat: true, help: "only cases whose name contains TEXT (repeatable)" },
    { name: "report", kind: "string", value: "DIR", help: "also write report.md and SVG charts to DIR" },
    { name: "externals", kind: "boolean", help: "include tfjs-backend-wasm and onnxruntime-web (--no-externals to skip)" },
    { name: "list", kind: "boolean", help: "list the suites and exit" },
  ],
  examples: ["wasmformer bench --list", "wasmformer bench --quick matmul", "wasmformer bench --json softmax > softmax.json"],
  async run(ctx) {
    const { flags, io } = ctx;
    const entry = findBenchEntry();
    if (entry === undefined) {
      throw new CliError(
        "the benchmark suites are not installed with this CLI: they live in the wasmformer source workspace (bench/); clone it and run `pnpm install && pnpm bench`",
      );
    }
    const args = [...flags.positionals];
    if (flags.bool("quick")) args.push("--quick");
    if (flags.bool("list")) args.push("--list");
    if (flags.has("externals") && !flags.bool("externals")) args.push("--no-externals");
    for (const g of flags.list("grep")) args.push("--grep", g);
    const report = flags.string("report");
    args.push(...(report !== undefined ? ["--report", report] : ["--no-report"]));
    const jsonDir = ctx.global.json ? mkdtempSync(join(tmpdir(), "wasmformer-bench-")) : undefined;
    const jsonFile = jsonDir ? join(jsonDir, "bench.json") : undefined;
    if (jsonFile) args.push("--json", jsonFile);

    try {
      const code = await new Promise<number>((resolve, reject) => {
        const child = spawn(process.execPath, [entry, ...args], { stdio: ["ignore", "pipe", "pipe"] });
        // With --json the table is a log (stderr); stdout carries only the JSON document.
        child.stdout.on("data", (chunk: Buffer) => (jsonFile ? io.stderr : io.stdout).write(chunk));
        child.stderr.on("data", (chunk: Buffer) => io.stderr.write(chunk));
        child.on("error", reject);
        child.on("close", (status) => resolve(status ?? 1));
      });
      if (code !== 0) return code === 2 ? 2 : 1;
      if (jsonFile && existsSync(jsonFile)) io.stdout.write(readFileSync(jsonFile));
      return 0;
    } finally {
      if (jsonDir) rmSync(jsonDir, { recursive: true, force: true });
    }
  },
};
