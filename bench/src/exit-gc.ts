// A full GC right before exit: dodges the Node/V8 exit deadlock (nodejs/node#54918) where a
// background compile job waits for a GC while the main thread waits for it (here: the worker join
// inside process.exit). See apps/cli/src/exit-gc.ts for the measurements.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

export function collectGarbageBeforeExit(): void {
  setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
}
