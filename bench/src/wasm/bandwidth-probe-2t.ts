// The two-core read-bandwidth probe: the single-core probe (bandwidth-probe.ts) run at the same time
// on the main thread and one worker, each over its own half of the bytes. A call starts both
// streams (the worker is woken through a shared control word) and returns when both are done, so
// bytes / time is what two cores can read from memory together — the ceiling of a two-thread GEMV
// whose weights do not fit in cache.
import { Worker } from "node:worker_threads";
import { type BandwidthProbe, type ProbeStreams, createBandwidthProbe, probeExport } from "./bandwidth-probe.js";

/** Control words: [0] job number (the worker runs when it changes; -1 = exit), [1] jobs the worker finished. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const ctl = new Int32Array(workerData.control);
const mod = new WebAssembly.Module(workerData.bytes);
const inst = new WebAssembly.Instance(mod);
const mem = inst.exports.mem, sum = inst.exports[workerData.fn];
const base = 64, size = workerData.size;
mem.grow(Math.ceil((base + size) / 65536) - mem.buffer.byteLength / 65536);
new Float32Array(mem.buffer, base, size / 4).fill(1);
parentPort.postMessage("ready");
let seen = 0;
for (;;) {
  Atomics.wait(ctl, 0, seen);
  seen = Atomics.load(ctl, 0);
  if (seen < 0) break;
  sum(base, size);
  Atomics.add(ctl, 1, 1);
}
`;

export interface TwoCoreProbe extends BandwidthProbe {
  dispose(): void;
}

/** Starts the worker and fills both halves; `bytes` in all (half per thread), read with `streams` per thread. */
export async function createTwoCoreBandwidthProbe(bytes: number, probeBytes: Uint8Array, streams: ProbeStreams = 1): Promise<TwoCoreProbe> {
  const half = createBandwidthProbe(bytes / 2, streams);
  const control = new SharedArrayBuffer(8);
  const ctl = new Int32Array(control);
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { control, bytes: probeBytes, size: half.bytes, fn: probeExport(streams) } });
  await new Promise<void>((resolve, reject) => {
    worker.once("message", () => resolve());
    worker.once("error", reject);
  });
  let job = 0;
  return {
    bytes: 2 * half.bytes,
    run() {
      job++;
      Atomics.store(ctl, 0, job);
      Atomics.notify(ctl, 0);
      const s = half.run();
      while (Atomics.load(ctl, 1) < job) {
        // spin: the worker is finishing its half
      }
      return s;
    },
    dispose() {
      Atomics.store(ctl, 0, -1);
      Atomics.notify(ctl, 0);
      void worker.terminate();
    },
  };
}
