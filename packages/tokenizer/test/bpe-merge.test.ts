import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BpeMerger, type MergeRules, NO_MERGE } from "../src/bpe/index.js";

// Reference: the textbook quadratic BPE (tiktoken's byte_pair_merge / llama2.c's loop): scan all
// adjacent pairs, apply the lowest rank (leftmost on ties), repeat until nothing merges.
function referenceMerge(symbols: number[], rules: MergeRules): number[] {
  const parts = symbols.slice();
  for (;;) {
    let best = -1;
    let bestRank = NO_MERGE;
    for (let i = 0; i + 1 < parts.length; i++) {
      const r = rules.rank(parts[i], parts[i + 1]);
      if (r < bestRank) {
        bestRank = r;
        best = i;
      }
    }
    if (best < 0) return parts;
    parts.splice(best, 2, rules.merged(parts[best], parts[best + 1]));
  }
}

/** Rules from a table "l,r" → [rank, merged]. */
function tableRules(table: Map<string, [number, number]>): MergeRules {
  return {
    rank: (l, r) => table.get(`${l},${r}`)?.[0] ?? NO_MERGE,
    merged: (l, r) => table.get(`${l},${r}`)![1],
  };
}

describe("BpeMerger", () => {
  it("matches the quadratic reference on random merge tables (ranks with ties, leftmost wins)", () => {
    const merger = new BpeMerger();
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(5), fc.nat(5), fc.integer({ min: -3, max: 6 })), { maxLength: 30 }),
        fc.array(fc.nat(5), { maxLength: 40 }),
        (merges, word) => {
          // Symbols 0..5 are the alphabet; merged symbol ids start at 100 and may merge further.
          const table = new Map<string, [number, number]>();
          let nextId = 100;
          const alphabet = [0, 1, 2, 3, 4, 5];
          for (const [a, b, rank] of merges) {
            const l = a < 6 ? alphabet[a] : a;
            const r = b < 6 ? alphabet[b] : b;
            if (!table.has(`${l},${r}`)) table.set(`${l},${r}`, [rank, nextId++]);
            // let merged symbols merge again with a small symbol
            table.set(`${nextId - 1},${a}`, [rank + 1, nextId++]);
          }
          const rules = tableRules(table);
          const n = merger.run(word, word.length, rules);
          const got = Array.from(merger.output.subarray(0, n));
          expect(got).toEqual(referenceMerge(word, rules));
          // Starts are increasing and begin at 0.
          if (n > 0) expect(merger.outputStart[0]).toBe(0);
          for (let i = 1; i < n; i++) expect(merger.outputStart[i]).toBeGreaterThan(merger.outputStart[i - 1]);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("reports where each output symbol starts", () => {
    // 1+2 → 10 (rank 0), 10+3 → 11 (rank 1)
    const table = new Map<string, [number, number]>([
      ["1,2", [0, 10]],
      ["10,3", [1, 11]],
    ]);
    const merger = new BpeMerger();
    const n = merger.run([5, 1, 2, 3, 1, 2], 6, tableRules(table));
    expect(Array.from(merger.output.subarray(0, n))).toEqual([5, 11, 10]);
    expect(Array.from(merger.outputStart.subarray(0, n))).toEqual([0, 1, 4]);
  });

  it("merges 100 000 identical symbols into a balanced binary result without recursion or rescans", () => {
    // Symbol k stands for 2^k copies of symbol 0; (k, k) → k+1 with rank k. 100 000 = binary
    // 11000011010100000, so the merged output is the powers of two of its set bits, largest first.
    const rules: MergeRules = {
      rank: (l, r) => (l === r && l < 30 ? l : NO_MERGE),
      merged: (l) => l + 1,
    };
    const n0 = 100_000;
    const word = new Int32Array(n0);
    const merger = new BpeMerger();
    const n = merger.run(word, n0, rules);
    const expected: number[] = [];
    for (let bit = 30; bit >= 0; bit--) if (n0 & (1 << bit)) expected.push(bit);
    expect(Array.from(merger.output.subarray(0, n))).toEqual(expected);
  });

  it("handles empty and single-symbol input", () => {
    const merger = new BpeMerger();
    const rules: MergeRules = { rank: () => 0, merged: () => 9 };
    expect(merger.run([], 0, rules)).toBe(0);
    expect(merger.run([7], 1, rules)).toBe(1);
    expect(merger.output[0]).toBe(7);
  });
});
