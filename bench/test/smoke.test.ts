// Smoke test: the built CLI runs in --quick mode on a small filter and writes a well-formed JSON
// report and a markdown report. Structure and sanity only — no speed assertions.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BenchReport } from "../src/report/json.js";

const run = promisify(execFile);
const main = fileURLToPath(new URL("../dist/main.js", import.meta.url));

const positive = (x: unknown): boolean => typeof x === "number" && Number.isFinite(x) && x > 0;

describe("pnpm bench --quick", () => {
  let dir: string;
  let stdout: string;
  let report: BenchReport;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "wasmformer-bench-"));
    const json = join(dir, "out.json");
    const r = await run(process.execPath, [main, "bandwidth", "matmul", "softmax", "tokenizer", "model", "--quick", "--json", json, "--report", join(dir, "results")], {
      maxBuffer: 16 * 1024 * 1024,
    });
    stdout = r.stdout;
    report = JSON.parse(readFileSync(json, "utf8")) as BenchReport;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("records the machine and the options", () => {
    expect(report.schema).toBe("wasmformer-bench/1");
    expect(report.options).toMatchObject({ quick: true, suites: ["bandwidth", "matmul", "softmax", "tokenizer", "model"] });
    expect(typeof report.machine.cpu).toBe("string");
    expect(report.machine.cores).toBeGreaterThan(0);
    expect(report.machine.node).toBe(process.version);
    expect(report.machine.v8).toBe(process.versions.v8);
    for (const flag of ["simd", "relaxedSimd", "threads"] as const) expect(typeof report.machine.wasm[flag]).toBe("boolean");
    expect(report.durationS).toBeGreaterThan(0);
  });

  it("ran the selected suites and only quick cases", () => {
    expect(report.suites.map((s) => s.name)).toEqual(["bandwidth", "matmul", "softmax", "tokenizer", "model"]);
    for (const s of report.suites) expect(s.status).toBe("ran");
    const ids = report.results.map((c) => c.id);
    expect(ids).toContain("matmul gemv K=288 N=288");
    expect(ids).not.toContain("matmul gemv K=4096 N=4096");
    expect(ids).toContain("tokenizer worst case 100000 identical chars cl100k_base");
    expect(ids).not.toContain("tokenizer train bpe vocab=8000 10MB");
  });

  it("trains an 8 000-token BPE on 1 MB, and times spm_train beside it or says why not", () => {
    const train = report.results.find((c) => c.id === "tokenizer train bpe vocab=8000 1MB");
    expect(train?.impls.find((r) => r.impl === "wasmformer")?.extras).toEqual({ vocab: 8000 });
    const spm = train?.impls.find((r) => r.impl === "spm_train");
    if (spm) expect(spm.extras?.vocab).toBe(8000);
    else expect(train?.notes.join(" ")).toMatch(/spm_train: not measured — not on PATH/);
  });

  it("evaluates the tokenizer and model targets, run.c labelled as a recorded reference", () => {
    const worst = report.targets.find((t) => t.target.startsWith("tokenizer worst case"));
    expect(worst?.met).not.toBeNull();
    const runC = report.targets.filter((t) => t.target.startsWith("model decode stories260K"));
    expect(runC).toHaveLength(2);
    for (const t of runC) expect(t.measured).toMatch(/recorded .*not measured in this run/);
  });

  it("reports finite positive figures for every impl that ran", () => {
    let timed = 0;
    for (const c of report.results) {
      expect(c.impls.length).toBeGreaterThan(0);
      for (const r of c.impls) {
        if (r.error !== undefined) continue;
        timed++;
        expect(positive(r.medianMs), `${c.id} ${r.impl} medianMs`).toBe(true);
        expect(r.samples).toBeGreaterThan(0);
        for (const key of ["gflops", "gbps", "melems"] as const) if (key in r) expect(positive(r[key]), `${c.id} ${r.impl} ${key}`).toBe(true);
        if (c.metric === "GFLOP/s") expect(positive(r.gflops)).toBe(true);
        if (r.check) expect(r.check.maxRelErr).toBeGreaterThanOrEqual(0);
      }
    }
    expect(timed).toBeGreaterThan(0);
    const probe = report.results.find((c) => c.suite === "bandwidth");
    expect(positive(probe?.impls[0].gbps)).toBe(true);
  });

  it("prints the table to stdout and writes the markdown report with a chart", () => {
    expect(stdout).toMatch(/## matmul\n/);
    expect(stdout).toMatch(/GFLOP\/s/);
    expect(stdout).toMatch(/## targets\ntarget +case +measured +result\n/);
    expect(stdout).toMatch(/targets: \d+ met, \d+ missed, \d+ not measured/);
    const md = readFileSync(join(dir, "results", "report.md"), "utf8");
    expect(md).toMatch(/# wasmformer bench report/);
    expect(md).toMatch(/!\[matmul GFLOP\/s by shape\]\(matmul-gflops\.svg\)/);
    const svg = readFileSync(join(dir, "results", "matmul-gflops.svg"), "utf8");
    expect(svg.startsWith("<svg")).toBe(true);
    expect(existsSync(join(dir, "results", "softmax-gflops.svg"))).toBe(false);
  });
});

describe("CLI errors", () => {
  it("rejects an unknown suite with exit code 2 and names it", async () => {
    await expect(run(process.execPath, [main, "nosuchsuite"])).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('unknown suite "nosuchsuite"') });
  });
});
