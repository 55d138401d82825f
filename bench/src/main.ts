#!/usr/bin/env node
// `pnpm bench` entry: parse arguments, run the selected suites, print the table to stdout,
// write --json and the markdown report. Progress and logs go to stderr.
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { CliError, parseArgs, USAGE } from "./cli-args.js";
import { describeMachine, enableRelaxedSimd, machineInfo } from "./machine.js";
import { writeJsonReport } from "./report/json.js";
import { writeMarkdownReport } from "./report/markdown.js";
import { resultsTable } from "./report/table.js";
import { targetSummary } from "./report/targets.js";
import { targetsTable } from "./report/targets-text.js";
import { runBench, UnknownSuiteError } from "./run.js";
import { SUITES } from "./suites/index.js";
import { collectGarbageBeforeExit } from "./exit-gc.js";

const log = (m: string): void => void process.stderr.write(`${m}\n`);

async function main(argv: string[]): Promise<number> {
  const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
  const args = parseArgs(argv, join(packageDir, "results"));
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (args.list) {
    for (const s of SUITES) process.stdout.write(`${s.name.padEnd(10)} ${s.description}\n`);
    return 0;
  }
  // Before any WebAssembly is compiled, so the kernels loader can pick relaxed SIMD.
  const relaxed = enableRelaxedSimd();
  const machine = machineInfo(relaxed);
  log(`machine: ${describeMachine(machine)}; relaxed SIMD: ${relaxed}`);
  const command = ["pnpm bench", ...argv].join(" ");
  const report = await runBench(args, SUITES, machine, command, log);

  process.stdout.write(`# ${command}\n# ${describeMachine(machine)}\n\n${resultsTable(report.results)}\n\n## targets\n${targetsTable(report.targets)}\n${targetSummary(report.targets)}\n`);
  for (const s of report.suites) if (s.status !== "ran") process.stdout.write(`suite ${s.name} ${s.status}: ${s.reason}\n`);
  if (args.json) {
    writeJsonReport(args.json, report);
    log(`wrote ${args.json}`);
  }
  if (args.reportDir) log(`wrote ${writeMarkdownReport(args.reportDir, report)}`);
  return 0;
}

main(process.argv.slice(2)).then(
  // exit explicitly: onnxruntime's and the kernels' worker threads would keep the process alive.
  (code) => {
    collectGarbageBeforeExit();
    process.exit(code);
  },
  (e: unknown) => {
    collectGarbageBeforeExit();
    if (e instanceof CliError || e instanceof UnknownSuiteError) {
      process.stderr.write(`${e.message}\n\n${USAGE}\n`);
      process.exit(2);
    }
    process.stderr.write(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
