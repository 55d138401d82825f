// Model-suite targets: decode against llama2.c's run.c (recorded reference figures, see
// ../references.ts) and two threads against one on the stories110M shape.
import { REFERENCES_SOURCE, RUN_C_REFERENCES } from "../references.js";
import type { CaseResult } from "../types.js";
import { sig3 } from "./format.js";
import { bestWasm, speedup, twoCoreShareNote, type TargetOutcome } from "./target-checks.js";

export function modelTargets(results: CaseResult[]): TargetOutcome[] {
  const out: TargetOutcome[] = [];
  const model = results.filter((c) => c.suite === "model");
  for (const ref of RUN_C_REFERENCES) {
    for (const c of model.filter((c) => c.group === "decode" && c.shape === ref.checkpoint)) {
      const target = `model decode ${ref.checkpoint}: best wasm 1 thread ≥ ${ref.target}× ${ref.name}`;
      const ours = bestWasm(c, 1);
      if (!ours?.toks) {
        out.push({ target, case: c.id, measured: "not measured", met: null });
        continue;
      }
      const x = ours.toks / ref.tokS;
      out.push({ target, case: c.id, measured: `${ours.impl} ${sig3(ours.toks)} tok/s = ${sig3(x)}× ${sig3(ref.tokS)} tok/s (${REFERENCES_SOURCE})`, met: x >= ref.target });
    }
  }
  for (const c of model.filter((c) => c.shape.startsWith("stories110M"))) {
    const two = bestWasm(c, 2);
    const t = speedup(`model ${c.group} stories110M shape: threads=2 ≥ 1.6× one thread`, c, two, bestWasm(c, 1), 1.6);
    // Decode reads every weight (≈ 440 MB) once per token: it is bound by memory like a big GEMV.
    out.push(c.group === "decode" && t.met !== null ? { ...t, measured: t.measured + twoCoreShareNote(results, c, two) } : t);
  }
  return out;
}
