// Tokenizer-suite targets: encode speed against tiktoken and gpt-tokenizer, the worst case, cold
// start and memory after load, and BPE training against spm_train.
import type { CaseResult } from "../types.js";
import type { ImplResult } from "../types.js";
import { absolute, impl, speedup, type TargetOutcome } from "./target-checks.js";

const OURS = "wasmformer";

export function tokenizerTargets(results: CaseResult[]): TargetOutcome[] {
  const out: TargetOutcome[] = [];
  for (const c of results.filter((c) => c.suite === "tokenizer")) {
    const ours = impl(c, OURS);
    switch (c.group) {
      case "encode unseen":
        out.push(speedup("tokenizer encode unseen: ≥ 1.5× tiktoken", c, ours, impl(c, "tiktoken (wasm)"), 1.5));
        break;
      case "encode prose":
        out.push(speedup("tokenizer encode repeated (prose): ≥ 1.2× gpt-tokenizer", c, ours, impl(c, "gpt-tokenizer"), 1.2));
        break;
      case "worst case":
        if (c.work.textBytes !== undefined && c.work.textBytes >= 100_000) {
          out.push(absolute("tokenizer worst case (100 000 identical chars): ≤ 0.1 s", c, ours, (r) => r.medianMs / 1000, 0.1, "s", true));
        }
        break;
      case "cold start":
        out.push(speedup(`tokenizer ${c.group}: lower than gpt-tokenizer`, c, ours, impl(c, "gpt-tokenizer"), 1.0));
        break;
      case "cold start (process)":
        out.push(speedup(`tokenizer ${c.group}: lower than gpt-tokenizer`, c, ours, impl(c, "gpt-tokenizer"), 1.0));
        out.push(memoryAfterLoad(c, ours, impl(c, "gpt-tokenizer")));
        break;
      case "train":
        out.push(speedup("BPE training (8 000 tokens): faster than spm_train --model_type=bpe", c, ours, impl(c, "spm_train"), 1.0));
        break;
    }
  }
  return out;
}

/** The fresh process's memory after load (the "MB after load" extra): ours below gpt-tokenizer's. */
function memoryAfterLoad(c: CaseResult, ours: ImplResult | undefined, other: ImplResult | undefined): TargetOutcome {
  const target = "tokenizer memory after load: lower than gpt-tokenizer";
  const a = ours?.extras?.["MB after load"];
  const b = other?.extras?.["MB after load"];
  if (a === undefined || b === undefined) return { target, case: c.id, measured: "not measured", met: null };
  return { target, case: c.id, measured: `wasmformer ${a} vs gpt-tokenizer ${b} MB (process total, Node's own included)`, met: a < b };
}
