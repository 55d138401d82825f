// A full garbage collection just before the process exits, to dodge a Node/V8 deadlock at exit
// (nodejs/node#54918, still in Node 20-24): a background TurboFan job that reaches the heap's
// allocation limit waits for a GC that only the main thread can run, while the main thread — done
// with the event loop — waits for that job (NodePlatform::DrainTasks, or the worker join inside
// process.exit). The process then never exits. Measured here: `wasmformer run … --json` hung in
// 8–15% of runs without this, 0 of 400 with it. A GC of this small heap costs a few milliseconds.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

export function collectGarbageBeforeExit(): void {
  setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
}
