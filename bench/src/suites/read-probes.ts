// Read probes timed inside a memory-bound case: the bandwidth probe (wasm/bandwidth-probe.ts) on one
// core and on two at once, sampled in the same interleaved rounds as the kernels (harness/timing.ts).
// The host's memory bandwidth drifts within seconds, so a probe measured minutes earlier in the
// bandwidth suite is a loose yardstick; one beside the kernel is a fair one. Each reads at least
// 256 MiB — eight times the L3 — or the case's bytes if more, so it measures what memory gives, not
// what the L3 keeps of a 64 MiB buffer between passes (a 64 MiB probe read 41.5 GB/s where 256 MiB
// read 32–35); its GB/s are of its own bytes.
import { bandwidthProbeBytes, createBandwidthProbe } from "../wasm/bandwidth-probe.js";
import { createTwoCoreBandwidthProbe } from "../wasm/bandwidth-probe-2t.js";
import type { PreparedCase } from "../types.js";

/** Weights of at least this size come from memory on every call: twice the CI-class machine's L3 (32 MiB). */
export const OUT_OF_CACHE_BYTES = 64 * 2 ** 20;

/** Impl names of the in-case probes: one core, and two cores together (each reading two streams). */
export const READ_PROBE = "read-probe";
export const READ_PROBE_2T = "read-probe-2t";

/** The probes read at least this much. */
const PROBE_MIN_BYTES = 256 * 2 ** 20;

/** `prepared` with the two read probes (over max(`bytes`, 256 MiB)) added, and disposed with it. */
export async function withReadProbes(prepared: PreparedCase, bytes: number): Promise<PreparedCase> {
  const size = Math.max(bytes, PROBE_MIN_BYTES);
  const one = createBandwidthProbe(size, 2);
  const two = await createTwoCoreBandwidthProbe(size, bandwidthProbeBytes(), 2);
  return {
    impls: [
      ...prepared.impls,
      { name: READ_PROBE, kind: "probe", threads: 1, run: () => void one.run(), work: { bytes: one.bytes } },
      { name: READ_PROBE_2T, kind: "probe", threads: 2, run: () => void two.run(), work: { bytes: two.bytes } },
    ],
    notes: [
      ...(prepared.notes ?? []),
      `${READ_PROBE}, ${READ_PROBE_2T}: streaming reads of ${Math.round(size / 2 ** 20)} MiB (two streams per core) on one core and on two, timed in the same rounds — what memory gives one and two cores meanwhile`,
    ],
    async dispose() {
      two.dispose();
      await prepared.dispose();
    },
  };
}
