import type { FlagSpec } from "./args.js";
import type { Command } from "./command.js";
import { GLOBAL_FLAGS } from "./command.js";

function flagLine(f: FlagSpec): [string, string] {
  const names = `${f.short ? `-${f.short}, ` : "    "}--${f.name}${f.value ? ` ${f.value}` : ""}`;
  return [names, f.help];
}

const WIDTH = 100;

/** Splits text into lines of at most `width` characters at spaces. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  lines.push(line);
  return lines;
}

function table(rows: [string, string][]): string {
  const w = Math.max(...rows.map((r) => r[0].length));
  const room = Math.max(30, WIDTH - w - 4);
  return rows
    .map(([a, b]) => wrap(b, room).map((line, i) => `  ${(i === 0 ? a : "").padEnd(w)}  ${line}`).join("\n"))
    .join("\n");
}

export function commandHelp(cmd: Command): string {
  const parts = [
    `wasmformer ${cmd.name} — ${cmd.summary}`,
    "",
    `Usage: wasmformer ${cmd.name} ${cmd.usage}`,
  ];
  if (cmd.description) parts.push("", cmd.description);
  if (cmd.flags.length) parts.push("", "Options:", table(cmd.flags.map(flagLine)));
  parts.push("", "Global options:", table(GLOBAL_FLAGS.map(flagLine)));
  if (cmd.examples.length) parts.push("", "Examples:", ...cmd.examples.map((e) => `  ${e}`));
  return parts.join("\n") + "\n";
}

export function mainHelp(commands: readonly Command[], version: string): string {
  return [
    `wasmformer ${version} — tokenize, train, run and inspect language models on WebAssembly SIMD kernels`,
    "",
    "Usage: wasmformer <command> [options]",
    "",
    "Commands:",
    table(commands.map((c) => [c.name, c.summary])),
    "",
    "Global options:",
    table([["--help, -h", "help (also after a command)"], ["--version", "print the version"], ...GLOBAL_FLAGS.slice(1).map(flagLine)]),
    "",
    "Exit codes: 0 ok, 1 runtime error, 2 usage error. Data goes to stdout, logs and progress to stderr.",
    "Run 'wasmformer <command> --help' for a command's options and examples.",
    "",
  ].join("\n");
}
