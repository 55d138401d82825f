// A pool of workers over the heap's shared memory. `run` is synchronous like every kernel call:
// the main thread publishes a job, claims and runs chunks of it alongside the workers, then spins
// until every chunk is finished (browsers forbid Atomics.wait on the main thread; the wait is at
// most one chunk's length). See layout.ts for the protocol.

import type { Heap } from "../heap.js";
import type { KernelsWasmExports } from "../wasm/exports.js";
import { CTRL } from "./layout.js";
import { claimChunks, runItems } from "./slice.js";
import { spawnWorker, type WorkerHandle } from "./spawn.js";
import { WORKER_SOURCE } from "./worker-main.js";

/** Polls of SEQ a worker makes before it sleeps in Atomics.wait (≈ tens of µs): back-to-back kernels skip the wake-up. */
const WORKER_SPIN = 20_000;

export class WorkerPool {
  /** Threads including the main thread. */
  readonly threads: number;
  private readonly heap: Heap;
  private readonly exports: KernelsWasmExports;
  private readonly workers: WorkerHandle[];
  private readonly ctrl: number;
  private seq = 0;
  private disposed = false;

  private constructor(heap: Heap, exports: KernelsWasmExports, workers: WorkerHandle[], ctrl: number) {
    this.heap = heap;
    this.exports = exports;
    this.workers = workers;
    this.ctrl = ctrl;
    this.threads = workers.length + 1;
  }

  /** Start threads − 1 workers, each instantiating `module` over the heap's shared memory. */
  static async start(heap: Heap, module: WebAssembly.Module, exports: KernelsWasmExports, threads: number): Promise<WorkerPool> {
    if (!heap.memory) throw new Error("createKernels: threads need a WebAssembly.Memory");
    const ctrl = heap.alloc(CTRL.INTS * 4);
    const gemmBytes = exports.GEMM_SCRATCH_BYTES.value as number;
    const c = new Int32Array(heap.buffer, ctrl, CTRL.INTS);
    for (let t = 0; t < threads; t++) c[CTRL.GEMM_SCRATCH + t] = heap.alloc(gemmBytes);
    const workers: WorkerHandle[] = [];
    const ready: Promise<void>[] = [];
    try {
      for (let i = 1; i < threads; i++) {
        const w = spawnWorker(WORKER_SOURCE);
        workers.push(w);
        ready.push(
          new Promise<void>((resolve, reject) => {
            w.onMessage((data) => {
              const d = data as { ready?: boolean; error?: string };
              if (d.ready) resolve();
              else if (d.error) reject(new Error(`createKernels: worker ${i} failed to start: ${d.error}`));
            });
            w.onError((err) => reject(new Error(`createKernels: worker ${i} failed: ${String(err)}`)));
          }),
        );
        w.postMessage({ module, memory: heap.memory, ctrl, layout: CTRL, index: i, spin: WORKER_SPIN });
      }
      await Promise.all(ready);
      // An idle pool must not keep the process alive if the user never calls dispose().
      for (const w of workers) w.unref();
    } catch (err) {
      for (const w of workers) w.terminate();
      for (let t = 0; t < threads; t++) heap.free(c[CTRL.GEMM_SCRATCH + t]!);
      heap.free(ctrl);
      throw err;
    }
    return new WorkerPool(heap, exports, workers, ctrl);
  }

  /** Per-thread attention scratch of at least `bytes` (re-allocated when a larger headDim comes). */
  private attnBytes = 0;
  ensureAttentionScratch(bytes: number): void {
    if (bytes <= this.attnBytes) return;
    const c = this.control();
    for (let t = 0; t < this.threads; t++) {
      if (this.attnBytes) this.heap.free(c[CTRL.ATTN_SCRATCH + t]!);
    }
    const ptrs: number[] = [];
    for (let t = 0; t < this.threads; t++) ptrs.push(this.heap.alloc(bytes));
    const c2 = this.control(); // alloc may have grown the memory
    for (let t = 0; t < this.threads; t++) c2[CTRL.ATTN_SCRATCH + t] = ptrs[t]!;
    this.attnBytes = bytes;
  }

  /** The control block over the current buffer (re-created: the memory may have grown). */
  control(): Int32Array {
    return new Int32Array(this.heap.buffer, this.ctrl, CTRL.INTS);
  }

  /**
   * Run job `op` with int32 `args` (f32 args stored by the caller through `floatArgs`) over
   * `items` output columns or heads, in chunks whose sizes are multiples of `align`.
   */
  run(op: number, args: readonly number[], items: number, align: number, floatArgs?: (f: Float32Array) => void): void {
    if (this.disposed) throw new Error("kernels: the worker pool has been disposed");
    const c = this.control();
    for (let i = 0; i < args.length; i++) c[CTRL.ARGS + i] = args[i]!;
    const f = new Float32Array(this.heap.buffer, this.ctrl, CTRL.INTS);
    floatArgs?.(f);
    // One chunk per thread. A late worker's chunk is taken by whoever finishes first; finer chunks
    // measured slower (2× on 512³ GEMM: each GEMM chunk re-packs x, and claims contend).
    const size = Math.max(align, Math.ceil(items / this.threads / align) * align);
    const chunks = Math.ceil(items / size);
    const seq = (this.seq = (this.seq + 1) | 0);
    c[CTRL.OP] = op;
    c[CTRL.ITEMS] = items;
    c[CTRL.CHUNK_SIZE] = size;
    c[CTRL.CHUNKS] = chunks;
    Atomics.store(c, CTRL.COMPLETED, 0);
    Atomics.store(c, CTRL.NEXT, (seq & 0x7fff) << 16);
    Atomics.store(c, CTRL.SEQ, seq);
    Atomics.notify(c, CTRL.SEQ);
    claimChunks(this.exports, c, f, CTRL, 0, seq, runItems);
    while (Atomics.load(c, CTRL.COMPLETED) < chunks) {
      // spin: workers are finishing the chunks they claimed
    }
    if (Atomics.load(c, CTRL.ERROR) !== 0) {
      Atomics.store(c, CTRL.ERROR, 0);
      throw new Error(`kernels: a worker failed while running op ${op}`);
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const c = this.control();
    c[CTRL.OP] = 0;
    Atomics.store(c, CTRL.SEQ, ++this.seq);
    Atomics.notify(c, CTRL.SEQ);
    for (const w of this.workers) w.terminate();
  }
}
