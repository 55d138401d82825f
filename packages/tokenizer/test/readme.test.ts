// The README's example is real: its ```js block runs against the built package (self-reference by
// package name) and prints what its `// comments` say. The ids in those comments were taken from the
// tiktoken npm package, and are checked against it again here.
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { get_encoding } from "tiktoken";
import { expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));

it("README example runs and prints its comments", () => {
  const readme = readFileSync(`${root}README.md`, "utf8");
  const block = /```js\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(block, "a ```js block in README.md").toBeTruthy();
  const file = `${root}test/.readme-example.mjs`;
  writeFileSync(file, block!);
  try {
    const out = execFileSync(process.execPath, [file], { cwd: root, encoding: "utf8" }).trimEnd().split("\n");
    // Every line that prints, with its expected output in a trailing `// comment`, in order.
    const expected = [...block!.matchAll(/console\.log\(.*\/\/ (.*)$/gm)].map((m) => m[1]);
    expect(out).toEqual(expected);
  } finally {
    rmSync(file, { force: true });
  }
  const ref = get_encoding("cl100k_base");
  expect([...ref.encode("hello world")]).toEqual([15339, 1917]);
  expect(ref.encode("Understanding tokenizers").length).toBe(3);
  expect([...ref.encode("<|endoftext|>", "all")]).toEqual([100257]);
});
