import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runBin } from "./helpers.js";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };

const EXPECTED_COMMANDS = ["tokenize", "decode", "train", "bench"];

/** Command names as `wasmformer --help` lists them (the "Commands:" block). */
function listedCommands(): string[] {
  const help = runBin(["--help"]).stdout;
  const block = help.split("Commands:\n")[1].split("\n\n")[0];
  return block.split("\n").map((line) => line.trim().split(/\s+/)[0]);
}

describe("usage, help and exit codes", () => {
  it("--help lists every command and exits 0", () => {
    expect(runBin(["--help"]).code).toBe(0);
    expect(listedCommands()).toEqual(expect.arrayContaining(EXPECTED_COMMANDS));
  });

  it("--version prints the package version on stdout and exits 0", () => {
    const r = runBin(["--version"]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  it("no arguments prints help and exits 2", () => {
    const r = runBin([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/Usage: wasmformer <command>/);
  });

  it("an unknown command is a usage error (exit 2) named on stderr, nothing on stdout", () => {
    const r = runBin(["frobnicate"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/unknown command "frobnicate"/);
    expect(r.stderr.split("\n").filter(Boolean).length).toBeLessThanOrEqual(2);
  });

  it("an unknown flag is a usage error naming the flag", () => {
    const r = runBin(["tokenize", "--frob", "x"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown option --frob/);
  });

  it("a missing flag value is a usage error", () => {
    const r = runBin(["tokenize", "--tokenizer"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--tokenizer needs a value/);
  });

  it("every listed command has --help with usage and examples (and `help <command>` is the same)", () => {
    for (const c of listedCommands()) {
      const r = runBin([c, "--help"]);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`Usage: wasmformer ${c} `);
      expect(r.stdout).toMatch(/Examples:\n  wasmformer /);
      expect(runBin(["help", c]).stdout).toBe(r.stdout);
    }
  });

  it("a non-numeric value for a numeric flag is a usage error naming flag and value", () => {
    const r = runBin(["tokenize", "--threads", "many", "x"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--threads expects a number, got "many"/);
  });

  it("errors are one line without a stack trace unless --debug", () => {
    const r = runBin(["tokenize", "--tokenizer", "/no/such/tokenizer.json", "hello"]);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const d = runBin(["tokenize", "--tokenizer", "/no/such/tokenizer.json", "hello", "--debug"]);
    expect(d.code).toBe(1);
    expect(d.stderr).toMatch(/\n\s+at /);
  });
});
