// The generated training corpus and the spm_train lookup.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { describe, expect, it } from "vitest";
import { findOnPath } from "../src/suites/spm-train.js";
import { trainingCorpus } from "../src/text.js";

describe("trainingCorpus", () => {
  const text = trainingCorpus(17, 200_000);

  it("is deterministic in its seed and about the size asked for", () => {
    expect(trainingCorpus(17, 200_000)).toBe(text);
    expect(trainingCorpus(18, 200_000)).not.toBe(text);
    const size = Buffer.byteLength(text);
    expect(size).toBeGreaterThanOrEqual(200_000);
    expect(size).toBeLessThan(201_000);
  });

  it("has short lines (spm_train drops sentences over 4192 bytes) and a Zipf-like vocabulary", () => {
    const lines = text.split("\n").filter((l) => l !== "");
    expect(Math.max(...lines.map((l) => Buffer.byteLength(l)))).toBeLessThan(4192);
    const counts = new Map<string, number>();
    for (const w of text.toLowerCase().match(/[a-z]+/g) ?? []) counts.set(w, (counts.get(w) ?? 0) + 1);
    const sorted = [...counts.values()].sort((a, b) => b - a);
    expect(counts.size).toBeGreaterThan(3000); // enough distinct words for thousands of merges
    expect(sorted[0]).toBeGreaterThan(10 * sorted[99]); // frequent words dominate
  });
});

describe("findOnPath", () => {
  it("finds an executable file and skips missing or non-executable ones", () => {
    const a = mkdtempSync(join(tmpdir(), "bench-path-a-"));
    const b = mkdtempSync(join(tmpdir(), "bench-path-b-"));
    try {
      writeFileSync(join(a, "tool"), "#!/bin/sh\n");
      chmodSync(join(a, "tool"), 0o644);
      writeFileSync(join(b, "tool"), "#!/bin/sh\n");
      chmodSync(join(b, "tool"), 0o755);
      expect(findOnPath("tool", ["", a, b].join(delimiter))).toBe(join(b, "tool"));
      expect(findOnPath("no-such-tool", [a, b].join(delimiter))).toBeUndefined();
    } finally {
      rmSync(a, { recursive: true, force: true });
      rmSync(b, { recursive: true, force: true });
    }
  });
});
