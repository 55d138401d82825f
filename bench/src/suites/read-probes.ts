// Read probes timed inside a memory-bound case: the bandwidth probe (wasm/bandwidth-probe.ts) over
// as many bytes as the case's kernels read, on one core and on two at once, sampled in the same
// interleaved rounds as the kernels (harness/timing.ts). The host's memory bandwidth drifts within
// seconds, so a probe measured minutes earlier in the bandwidth suite is a loose yardstick; one
// beside the kernel, over the same amount of memory, is a fair one.
import { bandwidthProbeBytes, createBandwidthProbe } from "../wasm/bandwidth-probe.js";
import { createTwoCoreBandwidthProbe } from "../wasm/bandwidth-probe-2t.js";
import type { PreparedCase } from "../types.js";

/** Weights of at least this size come from memory on every call: twice the CI-class machine's L3 (32 MiB). */
export const OUT_OF_CACHE_BYTES = 64 * 2 ** 20;

/** Impl names of the in-case probes: one core, and two cores together (each reading two streams). */
export const READ_PROBE = "read-probe";
export const READ_PROBE_2T = "read-probe-2t";

/** `prepared` with the two read probes over `bytes` added (and disposed with it). */
export async function withReadProbes(prepared: PreparedCase, bytes: number): Promise<PreparedCase> {
  const one = createBandwidthProbe(bytes, 2);
  const two = await createTwoCoreBandwidthProbe(bytes, bandwidthProbeBytes(), 2);
  return {
    impls: [
      ...prepared.impls,
      { name: READ_PROBE, kind: "probe", threads: 1, run: () => void one.run() },
      { name: READ_PROBE_2T, kind: "probe", threads: 2, run: () => void two.run() },
    ],
    notes: [
      ...(prepared.notes ?? []),
      `${READ_PROBE}, ${READ_PROBE_2T}: streaming reads of as many bytes as the case's weights (two streams per core), timed in the same rounds — what one and two cores can read meanwhile`,
    ],
    async dispose() {
      two.dispose();
      await prepared.dispose();
    },
  };
}
