// Where output goes: data on stdout, logs and progress on stderr. Colour only on a TTY and
// never when NO_COLOR is set (https://no-color.org) or --no-color is given.
import type { Writable } from "node:stream";

export interface Io {
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

export function colorEnabled(io: Io, stream: "stdout" | "stderr", noColorFlag: boolean): boolean {
  if (noColorFlag) return false;
  const noColor = io.env.NO_COLOR;
  if (noColor !== undefined && noColor !== "") return false;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined && force !== "" && force !== "0" && force !== "false") return true;
  return io[stream].isTTY === true;
}

export interface Style {
  enabled: boolean;
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
  /** Background colour i of a cycling palette (for token boundaries). */
  tokenBg(s: string, i: number): string;
  /** 256-colour grey shade, 0 (dark) .. 1 (light), as background (heatmaps). */
  shade(s: string, level: number): string;
}

const TOKEN_BG = [45, 46, 43, 41, 42, 44];

export function makeStyle(enabled: boolean): Style {
  const wrap = (open: string, close: string) => (s: string) => (enabled ? `\x1b[${open}m${s}\x1b[${close}m` : s);
  return {
    enabled,
    bold: wrap("1", "22"),
    dim: wrap("2", "22"),
    red: wrap("31", "39"),
    green: wrap("32", "39"),
    yellow: wrap("33", "39"),
    cyan: wrap("36", "39"),
    tokenBg: (s, i) => (enabled ? `\x1b[30;${TOKEN_BG[i % TOKEN_BG.length]}m${s}\x1b[0m` : s),
    shade: (s, level) => {
      if (!enabled) return s;
      const l = Math.max(0, Math.min(1, level));
      const code = 232 + Math.round(l * 23);
      return `\x1b[48;5;${code}m${l > 0.6 ? "\x1b[30m" : "\x1b[37m"}${s}\x1b[0m`;
    },
  };
}

/** A progress line on stderr for TTYs; silent otherwise (so pipes and CI logs stay clean). */
export class Progress {
  private last = 0;
  private active = false;
  constructor(private readonly io: Io, private readonly label: string) {}
  /** Redraws at most every 80 ms (always when done ≥ total or `force`). */
  update(done: number, total: number, extra = "", force = false): void {
    if (!this.io.stderr.isTTY) return;
    const now = Date.now();
    if (!force && now - this.last < 80 && done < total) return;
    this.last = now;
    const width = 30;
    const frac = total > 0 ? Math.min(1, done / total) : 0;
    const bar = "█".repeat(Math.round(frac * width)).padEnd(width, "░");
    this.io.stderr.write(`\r${this.label} ${bar} ${Math.round(frac * 100)}% ${extra}\x1b[K`);
    this.active = true;
  }
  done(): void {
    if (this.active) this.io.stderr.write("\n");
    this.active = false;
  }
}

export async function readAllStdin(io: Io): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}
