// Starting a worker from source text without importing anything: Node's worker_threads reached
// through process.getBuiltinModule (Node ≥ 20.16; no `node:` import, so bundlers see nothing) where
// it exists, else a Web Worker over a Blob URL (browsers, Deno). Node comes first because other
// libraries put a `Worker` global into Node (onnxruntime-web's Emscripten threads do, once a
// session has run), and Node's workers cannot load blob: URLs.

export interface WorkerHandle {
  postMessage(message: unknown): void;
  /** Called with each message's data (Node) / event.data (Web). */
  onMessage(fn: (data: unknown) => void): void;
  onError(fn: (err: unknown) => void): void;
  /** Let the process exit while this worker idles (Node; listeners added later re-reference it). */
  unref(): void;
  terminate(): void;
}

interface NodeWorker {
  postMessage(message: unknown): void;
  on(event: "message" | "error", fn: (v: unknown) => void): void;
  terminate(): Promise<number>;
  unref(): void;
}

interface NodeWorkerThreads {
  Worker: new (source: string, options: { eval: true }) => NodeWorker;
}

function nodeWorkerThreads(): NodeWorkerThreads | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  if (typeof proc?.getBuiltinModule !== "function") return undefined;
  return proc.getBuiltinModule("worker_threads") as NodeWorkerThreads | undefined;
}

/** Whether this runtime can start workers at all (and how). */
export function workerSupport(): "web" | "node" | undefined {
  if (nodeWorkerThreads()) return "node";
  if (typeof Worker === "function" && typeof Blob === "function" && typeof URL.createObjectURL === "function") return "web";
  return undefined;
}

export function spawnWorker(source: string): WorkerHandle {
  const kind = workerSupport();
  if (kind === "web") {
    const url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
    const w = new Worker(url, { name: "wasmformer-kernels" });
    // Revoked once the worker has spoken (revoking at once can race the script fetch).
    w.addEventListener("message", () => URL.revokeObjectURL(url), { once: true });
    return {
      postMessage: (m) => w.postMessage(m),
      onMessage: (fn) => w.addEventListener("message", (ev) => fn(ev.data)),
      onError: (fn) => w.addEventListener("error", (ev) => fn(ev.message)),
      unref: () => {},
      terminate: () => w.terminate(),
    };
  }
  const wt = nodeWorkerThreads();
  if (!wt) throw new Error("createKernels: threads: this runtime has neither Web Workers nor worker_threads");
  const w = new wt.Worker(source, { eval: true });
  return {
    postMessage: (m) => w.postMessage(m),
    onMessage: (fn) => w.on("message", fn),
    onError: (fn) => w.on("error", fn),
    unref: () => w.unref(),
    terminate: () => void w.terminate(),
  };
}
