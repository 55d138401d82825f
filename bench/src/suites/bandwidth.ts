// The single-core read-bandwidth probe (see wasm/bandwidth-probe.ts): a streaming f32x4 sum over a
// buffer larger than the caches (256 MB), and over 1 MB (cache-resident) for contrast.
// GB/s = buffer bytes / time. The large-GEMV target is ≥ 85% of the 256 MB figure.
import { createBandwidthProbe } from "../wasm/bandwidth-probe.js";
import type { BenchCase, Suite, SuiteContext } from "../types.js";

const MB = 1024 * 1024;

function probeCase(bytes: number, label: string, quick: boolean): BenchCase {
  return {
    suite: "bandwidth",
    id: `bandwidth read ${label}`,
    group: "read",
    shape: label,
    work: { bytes },
    metric: "GB/s",
    quick,
    async prepare() {
      const probe = createBandwidthProbe(bytes);
      return {
        impls: [{ name: "wasm-simd-probe", kind: "probe", threads: 1, run: () => void probe.run() }],
        dispose() {},
      };
    },
  };
}

export const bandwidthSuite: Suite = {
  name: "bandwidth",
  description: "single-core streaming read (v128.load loop) over 256 MB and 1 MB; GB/s",
  async cases(ctx: SuiteContext) {
    // --quick streams 32 MB instead (a smoke run; the figure is then cache-inflated on big-L3 CPUs).
    const big = ctx.quick ? 32 * MB : 256 * MB;
    return [probeCase(big, `${big / MB} MB`, true), probeCase(MB, "1 MB", false)];
  },
};
