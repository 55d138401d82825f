// The README's example is real: its first ```js block runs against the built package (from a
// scratch consumer project) and prints what the README says it prints.

import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeScratchProject, packageRoot, type Scratch } from "./loading/scratch.js";

describe("README example", () => {
  let scratch: Scratch;
  beforeAll(() => {
    scratch = makeScratchProject();
  });
  afterAll(() => scratch?.remove());

  it("runs and prints the values written in its comments", () => {
    const readme = readFileSync(join(packageRoot, "README.md"), "utf8");
    const block = /```js\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block, "a ```js block in README.md").toBeTruthy();
    writeFileSync(join(scratch.dir, "readme-example.js"), block!);
    const out = execFileSync(process.execPath, ["readme-example.js"], { cwd: scratch.dir, encoding: "utf8" }).split("\n");
    expect(out[0]).toMatch(/^(relaxed-)?simd: /);
    // Every `console.log(...); // <expected>` line of the block, in order.
    const expected = [...block!.matchAll(/console\.log\(.*\); \/\/ (.*)$/gm)].map((m) => m[1]);
    expect(expected.length).toBe(2);
    expect(out.slice(1, 1 + expected.length)).toEqual(expected);
  });
});
