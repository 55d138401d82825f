// The worker's program, as source text for a Blob URL (browsers) or `eval: true` (Node). It gets
// { module, memory, ctrl, layout, index } in its first message, instantiates the module over the
// shared memory, says ready, then loops: spin briefly, then Atomics.wait, for a new job; claim and
// run chunks of it. Self-contained like claimChunks/runItems (all are sent as text).

import type { ControlLayout } from "./layout.js";
import { claimChunks, runItems } from "./slice.js";
import type { KernelsWasmExports } from "../wasm/exports.js";

interface WorkerInit {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  ctrl: number;
  layout: ControlLayout;
  index: number;
  spin: number;
}

interface PortLike {
  postMessage(message: unknown): void;
}

function workerMain(
  port: PortLike,
  onFirstMessage: (fn: (data: WorkerInit) => void) => void,
  claim: typeof claimChunks,
  run: typeof runItems,
): void {
  onFirstMessage((init) => {
    const { module, memory, ctrl, layout: L, index, spin } = init;
    let e: KernelsWasmExports;
    try {
      e = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as KernelsWasmExports;
    } catch (err) {
      port.postMessage({ error: String(err) });
      return;
    }
    port.postMessage({ ready: true });
    let seen = 0;
    for (;;) {
      let c = new Int32Array(memory.buffer, ctrl, L.INTS);
      let spins = 0;
      while (Atomics.load(c, L.SEQ) === seen) {
        if (++spins > spin) {
          Atomics.wait(c, L.SEQ, seen);
          spins = 0;
        }
      }
      seen = Atomics.load(c, L.SEQ);
      // The memory may have grown since the last job: views over the current buffer.
      c = new Int32Array(memory.buffer, ctrl, L.INTS);
      if (c[L.OP] === 0) return;
      claim(e, c, new Float32Array(memory.buffer, ctrl, L.INTS), L, index, seen, run);
    }
  });
}

/**
 * The worker source. `require` exists in a Node `eval` worker (worker_threads' parentPort);
 * a browser worker has `self`.
 */
export const WORKER_SOURCE: string = [
  '"use strict";',
  "const port = typeof require === \"function\" ? require(\"worker_threads\").parentPort : self;",
  "const onFirst = (fn) => typeof port.once === \"function\" ? port.once(\"message\", fn) : port.addEventListener(\"message\", (ev) => fn(ev.data), { once: true });",
  `const runItems = ${runItems.toString()};`,
  `const claimChunks = ${claimChunks.toString()};`,
  `(${workerMain.toString()})(port, onFirst, claimChunks, runItems);`,
].join("\n");
