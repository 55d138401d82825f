import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runBin } from "./helpers.js";

const workspaceBench = fileURLToPath(new URL("../../../bench/dist/main.js", import.meta.url));

describe("bench", () => {
  it("lists the workspace's suites when they are built, otherwise explains where they live (exit 1)", () => {
    const r = runBin(["bench", "--list"]);
    if (existsSync(workspaceBench)) {
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^matmul\s/m);
    } else {
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/benchmark suites are not installed/);
    }
  });

  it("rejects flags that the suites do not have (exit 2)", () => {
    const r = runBin(["bench", "--fast"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown option --fast/);
  });
});
