// A small, strict argument parser: long flags (--name value, --name=value, --no-name), short
// flags with values as llama2.c uses them (-t 0.8), booleans, positionals. Unknown flags are
// usage errors (exit 2) that name the flag.
import { UsageError } from "./errors.js";

export type FlagKind = "string" | "number" | "int" | "boolean";

export interface FlagSpec {
  /** Long name without dashes, e.g. "temperature". */
  name: string;
  kind: FlagKind;
  /** Single-letter alias without the dash, e.g. "t". */
  short?: string;
  /** Help text. */
  help: string;
  /** Placeholder in help, e.g. "FILE". */
  value?: string;
  /** May be given several times (values collected in an array). */
  repeat?: boolean;
}

export type FlagValue = string | number | boolean | string[];

export interface ParsedArgs {
  flags: Map<string, FlagValue>;
  positionals: string[];
}

function convert(spec: FlagSpec, raw: string, shown: string, command: string): string | number {
  if (spec.kind === "string") return raw;
  const n = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(n)) {
    throw new UsageError(`${shown} expects a number, got "${raw}"`, command);
  }
  if (spec.kind === "int" && !Number.isInteger(n)) {
    throw new UsageError(`${shown} expects a whole number, got "${raw}"`, command);
  }
  return n;
}

export function parseArgs(argv: readonly string[], specs: readonly FlagSpec[], command: string): ParsedArgs {
  const byLong = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short as string, s]));
  const flags = new Map<string, FlagValue>();
  const positionals: string[] = [];

  const store = (spec: FlagSpec, value: string | number | boolean): void => {
    if (spec.repeat) {
      const prev = flags.get(spec.name);
      const list = Array.isArray(prev) ? prev : [];
      list.push(String(value));
      flags.set(spec.name, list);
    } else {
      flags.set(spec.name, value);
    }
  };

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    let spec: FlagSpec | undefined;
    let shown = arg;
    let inline: string | undefined;
    if (arg.startsWith("--")) {
      const eq = arg.indexOf("=");
      const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
      inline = eq >= 0 ? arg.slice(eq + 1) : undefined;
      shown = `--${name}`;
      spec = byLong.get(name);
      if (!spec && name.startsWith("no-")) {
        const negated = byLong.get(name.slice(3));
        if (negated && negated.kind === "boolean" && inline === undefined) {
          flags.set(negated.name, false);
          continue;
        }
      }
      if (!spec) throw new UsageError(`unknown option ${shown}`, command);
    } else if (arg.length >= 2 && arg[0] === "-" && !/^-\d/.test(arg)) {
      const letter = arg.slice(1, 2);
      spec = byShort.get(letter);
      shown = `-${letter}`;
      if (!spec) throw new UsageError(`unknown option ${shown}`, command);
      if (arg.length > 2) inline = arg.slice(2);
    } else {
      positionals.push(arg);
      continue;
    }

    if (spec.kind === "boolean") {
      if (inline !== undefined) {
        if (inline !== "true" && inline !== "false") {
          throw new UsageError(`${shown} takes no value (or =true/=false), got "${inline}"`, command);
        }
        store(spec, inline === "true");
      } else {
        store(spec, true);
      }
      continue;
    }
    let raw = inline;
    if (raw === undefined) {
      if (i + 1 >= argv.length) throw new UsageError(`${shown} needs a value${spec.value ? ` (${spec.value})` : ""}`, command);
      raw = argv[++i];
    }
    store(spec, convert(spec, raw, shown, command));
  }
  return { flags, positionals };
}

/** Typed getters over ParsedArgs. */
export class Flags {
  constructor(private readonly parsed: ParsedArgs) {}
  has(name: string): boolean {
    return this.parsed.flags.has(name);
  }
  string(name: string): string | undefined {
    const v = this.parsed.flags.get(name);
    return typeof v === "string" ? v : undefined;
  }
  number(name: string): number | undefined {
    const v = this.parsed.flags.get(name);
    return typeof v === "number" ? v : undefined;
  }
  bool(name: string): boolean {
    return this.parsed.flags.get(name) === true;
  }
  list(name: string): string[] {
    const v = this.parsed.flags.get(name);
    return Array.isArray(v) ? v : [];
  }
  get positionals(): string[] {
    return this.parsed.positionals;
  }
}
