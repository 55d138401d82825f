// The read-bandwidth probes (see wasm/bandwidth-probe.ts): a streaming f32x4 sum over a buffer
// larger than the caches (256 MB), over 1 MB (cache-resident) for contrast, and on two cores at once
// (128 MB each, wasm/bandwidth-probe-2t.ts), each read as one stream and as two. GB/s = buffer
// bytes / time. The large-GEMV targets are ≥ 85% of the faster 256 MB figure (one thread) and of the
// faster two-core figure (two threads).
import { type ProbeStreams, bandwidthProbeBytes, createBandwidthProbe } from "../wasm/bandwidth-probe.js";
import { createTwoCoreBandwidthProbe } from "../wasm/bandwidth-probe-2t.js";
import type { BenchCase, Suite, SuiteContext } from "../types.js";

const MB = 1024 * 1024;
/** "…" for one stream per thread, "…-2s" for two. */
const streamsName = (base: string, streams: ProbeStreams): string => (streams === 1 ? base : `${base}-2s`);

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
      const impl = (streams: ProbeStreams) => {
        const probe = createBandwidthProbe(bytes, streams);
        return { name: streamsName("wasm-simd-probe", streams), kind: "probe" as const, threads: 1, run: () => void probe.run() };
      };
      return { impls: [impl(1), impl(2)], dispose() {} };
    },
  };
}

function twoCoreCase(bytes: number, label: string): BenchCase {
  return {
    suite: "bandwidth",
    id: `bandwidth read ${label} two cores`,
    group: "read two cores",
    shape: `${label} ×2`,
    work: { bytes },
    metric: "GB/s",
    quick: false,
    async prepare() {
      const probes = [await createTwoCoreBandwidthProbe(bytes, bandwidthProbeBytes(), 1), await createTwoCoreBandwidthProbe(bytes, bandwidthProbeBytes(), 2)];
      return {
        impls: probes.map((probe, i) => ({
          name: streamsName("wasm-simd-probe-2t", i === 0 ? 1 : 2),
          kind: "probe" as const,
          threads: 2,
          run: () => void probe.run(),
        })),
        dispose: () => probes.forEach((p) => p.dispose()),
      };
    },
  };
}

export const bandwidthSuite: Suite = {
  name: "bandwidth",
  description: "streaming read (v128.load loop; one stream, and two: -2s) over 256 MB and 1 MB on one core, and 2 × 128 MB on two cores at once; GB/s",
  async cases(ctx: SuiteContext) {
    // --quick streams 32 MB instead (a smoke run; the figure is then cache-inflated on big-L3 CPUs).
    const big = ctx.quick ? 32 * MB : 256 * MB;
    return [probeCase(big, `${big / MB} MB`, true), probeCase(MB, "1 MB", false), twoCoreCase(big, `${big / MB} MB`)];
  },
};
