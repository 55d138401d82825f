// The README's example is real: its ```js block runs (from the fixtures directory, importing this
// package by name) and prints the lines its `// comments` say. The story line comes from the
// fixtures README (run.c's output), not from this package.
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { fixturePath } from "@wasmformer/test-fixtures";
import { expect, it } from "vitest";
import { expectedGreedyText } from "./support/llama2c.js";

const root = fileURLToPath(new URL("..", import.meta.url));

it("README example runs on stories260K and prints its comments", () => {
  const readme = readFileSync(`${root}README.md`, "utf8");
  const block = /```js\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(block).toBeTruthy();
  const file = `${root}test/.readme-example.mjs`;
  writeFileSync(file, block!);
  try {
    const cwd = dirname(fixturePath("llama2c/stories260K.bin"));
    const out = execFileSync(process.execPath, [file], { cwd, encoding: "utf8" }).trimEnd().split("\n");
    const expected = [...block!.matchAll(/console\.log\(.*\/\/ (.*)$/gm)].map((m) => m[1]);
    expect(out).toEqual(expected);
    expect(out[0]).toBe(expectedGreedyText().split("\n")[0]);
  } finally {
    rmSync(file, { force: true });
  }
});
