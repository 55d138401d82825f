// One bench run: select suites and cases, run them, evaluate targets, assemble the report.
import type { CliArgs } from "./cli-args.js";
import { loadEngines, type Engines } from "./engines.js";
import { runCase } from "./harness/run-case.js";
import { FULL_TIMING, QUICK_TIMING } from "./harness/timing.js";
import type { MachineInfo } from "./machine.js";
import { REPORT_SCHEMA, type BenchReport, type EnginesSummary, type SuiteStatus } from "./report/json.js";
import { evaluateTargets } from "./report/targets.js";
import { SuiteUnavailable, type CaseResult, type Suite, type SuiteContext } from "./types.js";

export class UnknownSuiteError extends Error {
  override readonly name = "UnknownSuiteError";
}

export function selectSuites(all: readonly Suite[], names: string[]): Suite[] {
  if (names.length === 0) return [...all];
  for (const n of names) {
    if (!all.some((s) => s.name === n)) {
      throw new UnknownSuiteError(`unknown suite "${n}"; suites: ${all.map((s) => s.name).join(", ")}`);
    }
  }
  return all.filter((s) => names.includes(s.name));
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export async function runBench(args: CliArgs, suites: readonly Suite[], machine: MachineInfo, command: string, log: (m: string) => void): Promise<BenchReport> {
  const started = Date.now();
  const selected = selectSuites(suites, args.suites);
  let engines: Promise<Engines> | undefined;
  const ctx: SuiteContext = {
    quick: args.quick,
    log,
    engines: () => (engines ??= loadEngines(log, { externals: args.externals, ortThreads: [1, 2] })),
  };
  const timing = args.quick ? QUICK_TIMING : FULL_TIMING;
  const statuses: SuiteStatus[] = [];
  const results: CaseResult[] = [];
  let loaded: Engines | undefined;
  try {
    for (const suite of selected) {
      let cases;
      try {
        cases = await suite.cases(ctx);
      } catch (e) {
        const status = e instanceof SuiteUnavailable ? "skipped" : "failed";
        statuses.push({ name: suite.name, status, reason: errorText(e), cases: 0 });
        log(`suite ${suite.name}: ${status}: ${errorText(e)}`);
        continue;
      }
      const chosen = cases.filter((c) => (!args.quick || c.quick) && (args.grep.length === 0 || args.grep.some((g) => c.id.includes(g))));
      log(`suite ${suite.name}: ${chosen.length} case(s)`);
      for (const c of chosen) results.push(await runCase(c, timing, log));
      statuses.push({ name: suite.name, status: "ran", cases: chosen.length });
    }
  } finally {
    loaded = engines ? await engines : undefined;
    await loaded?.dispose();
  }
  const summary: EnginesSummary = {
    kernels: loaded?.kernels.map((k) => ({ name: k.name, kind: k.kind, threads: k.threads, reason: k.kernels.info.reason })) ?? [],
    externals: loaded?.externals.map((e) => ({ name: e.name, version: e.version, threads: e.threads })) ?? [],
    notes: loaded?.notes ?? [],
  };
  return {
    schema: REPORT_SCHEMA,
    startedAt: new Date(started).toISOString(),
    durationS: (Date.now() - started) / 1000,
    command,
    options: { quick: args.quick, suites: selected.map((s) => s.name), grep: args.grep, externals: args.externals },
    machine,
    engines: summary,
    suites: statuses,
    results,
    targets: evaluateTargets(results),
  };
}
