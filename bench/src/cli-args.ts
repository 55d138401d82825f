// Command-line arguments of `pnpm bench` / `node dist/main.js`.

export interface CliArgs {
  /** Suite names to run (empty = all). */
  suites: string[];
  /** Only cases whose id contains one of these substrings. */
  grep: string[];
  quick: boolean;
  json: string | undefined;
  /** Directory for report.md + charts; undefined = no report. */
  reportDir: string | undefined;
  externals: boolean;
  list: boolean;
  help: boolean;
}

export const USAGE = `usage: pnpm bench [suite ...] [options]

suites: run only these (default: all), e.g. \`pnpm bench matmul attention\`
options:
  --quick            smoke run (< 60 s): a few small cases, short timings (not for speed claims)
  --json FILE        also write the results, with machine info, as JSON
  --report DIR       where to write report.md and the SVG charts (default: bench/results)
  --no-report        do not write the markdown report
  --grep TEXT        only cases whose name contains TEXT (repeatable)
  --no-externals     skip tfjs-backend-wasm and onnxruntime-web
  --list             list the suites and exit
  -h, --help         this text

Progress goes to stderr, the table to stdout.`;

export class CliError extends Error {
  override readonly name = "CliError";
}

export function parseArgs(argv: readonly string[], defaultReportDir: string): CliArgs {
  const a: CliArgs = { suites: [], grep: [], quick: false, json: undefined, reportDir: defaultReportDir, externals: true, list: false, help: false };
  const value = (i: number, flag: string): string => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith("--")) throw new CliError(`${flag} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    switch (arg) {
      case "--": break;
      case "--quick": a.quick = true; break;
      case "--json": a.json = value(i++, arg); break;
      case "--report": a.reportDir = value(i++, arg); break;
      case "--no-report": a.reportDir = undefined; break;
      case "--grep": a.grep.push(value(i++, arg)); break;
      case "--no-externals": a.externals = false; break;
      case "--list": a.list = true; break;
      case "-h": case "--help": a.help = true; break;
      default:
        if (arg.startsWith("-")) throw new CliError(`unknown option ${arg}`);
        a.suites.push(arg);
    }
  }
  return a;
}
