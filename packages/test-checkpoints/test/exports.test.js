// The hand-written types name every runtime export (the package has no build step to check that).
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import * as api from "../src/index.js";

it("src/index.d.ts declares every export of src/index.js", () => {
  const dts = readFileSync(new URL("../src/index.d.ts", import.meta.url), "utf8");
  const declared = new Set([...dts.matchAll(/^export \{([^}]*)\}/gm)].flatMap((m) => m[1].split(",").map((s) => s.trim())));
  expect([...declared].sort()).toEqual(Object.keys(api).sort());
});
