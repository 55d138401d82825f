// The dispatcher: parse, run one command, turn every failure into one clear line and an exit code.
import { readFileSync } from "node:fs";
import { Flags, parseArgs } from "./args.js";
import type { Command, CommandContext } from "./command.js";
import { GLOBAL_FLAGS } from "./command.js";
import { COMMANDS } from "./commands/index.js";
import { CliError, EXIT_OK, EXIT_RUNTIME, EXIT_USAGE, UsageError } from "./errors.js";
import { commandHelp, mainHelp } from "./help.js";
import type { Io } from "./terminal.js";
import { colorEnabled, makeStyle } from "./terminal.js";

export function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}

function findCommand(name: string): Command | undefined {
  return COMMANDS.find((c) => c.name === name);
}

export async function runCli(argv: readonly string[], io: Io): Promise<number> {
  const debug = argv.includes("--debug");
  const noColor = argv.includes("--no-color");
  const err = makeStyle(colorEnabled(io, "stderr", noColor));
  const fail = (e: unknown, code: number, cmd?: Command): number => {
    const message = e instanceof Error ? e.message : String(e);
    io.stderr.write(`${err.red("error:")} ${message}\n`);
    if (code === EXIT_USAGE) {
      io.stderr.write(`Run 'wasmformer ${cmd ? `${cmd.name} ` : ""}--help' for usage.\n`);
    }
    if (debug && e instanceof Error && e.stack) io.stderr.write(`${e.stack}\n`);
    return code;
  };

  const first = argv[0];
  if (first === undefined || first === "--help" || first === "-h" || first === "help") {
    const topic = first === "help" ? argv[1] : undefined;
    const cmd = topic ? findCommand(topic) : undefined;
    if (topic && !cmd) return fail(new UsageError(`unknown command "${topic}"`), EXIT_USAGE);
    io.stdout.write(cmd ? commandHelp(cmd) : mainHelp(COMMANDS, version()));
    return first === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (first === "--version" || first === "-V") {
    io.stdout.write(`${version()}\n`);
    return EXIT_OK;
  }
  const cmd = findCommand(first);
  if (!cmd) {
    return fail(new UsageError(`unknown command "${first}" (commands: ${COMMANDS.map((c) => c.name).join(", ")})`), EXIT_USAGE);
  }

  let ctx: CommandContext;
  try {
    const parsed = parseArgs(argv.slice(1), [...cmd.flags, ...GLOBAL_FLAGS], cmd.name);
    const flags = new Flags(parsed);
    if (flags.bool("help")) {
      io.stdout.write(commandHelp(cmd));
      return EXIT_OK;
    }
    const backend = flags.string("backend") ?? "auto";
    if (backend !== "wasm" && backend !== "js" && backend !== "auto") {
      throw new UsageError(`--backend must be wasm, js or auto, got "${backend}"`, cmd.name);
    }
    const threads = flags.number("threads") ?? 1;
    if (threads < 1 || threads > 64) throw new UsageError(`--threads must be between 1 and 64, got ${threads}`, cmd.name);
    const colorOff = flags.has("color") && !flags.bool("color");
    ctx = {
      flags,
      io,
      out: makeStyle(colorEnabled(io, "stdout", colorOff)),
      err: makeStyle(colorEnabled(io, "stderr", colorOff)),
      log: (m) => io.stderr.write(`${m}\n`),
      global: { json: flags.bool("json"), debug, backend, threads },
    };
  } catch (e) {
    if (e instanceof UsageError) return fail(e, EXIT_USAGE, cmd);
    return fail(e, EXIT_RUNTIME, cmd);
  }

  try {
    return await cmd.run(ctx);
  } catch (e) {
    if (e instanceof UsageError) return fail(e, EXIT_USAGE, cmd);
    if (e instanceof CliError) return fail(e, EXIT_RUNTIME, cmd);
    return fail(e, EXIT_RUNTIME, cmd);
  }
}
