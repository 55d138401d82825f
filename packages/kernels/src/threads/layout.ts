// The control block the main thread and the workers share: a few hundred int32 slots in the heap.
// The main thread writes an op and its arguments, a [start, end) slice per thread, bumps SEQ and
// wakes the workers; each worker runs its slice and increments DONE (or sets ERROR).

export const CTRL = {
  /** Job generation; workers wait for it to change. */
  SEQ: 0,
  /** Workers finished with the current job. */
  DONE: 1,
  /** Op code of the current job (OP.*). */
  OP: 2,
  /** Non-zero when a worker threw; the main thread reports it. */
  ERROR: 3,
  /** Arguments: ARGS + i (int32, or float32 through a Float32Array over the same bytes). */
  ARGS: 8,
  /** Slice of thread t: [RANGES + 2t, RANGES + 2t + 1]. */
  RANGES: 32,
  /** GEMM packing scratch pointer of thread t. */
  GEMM_SCRATCH: 160,
  /** Attention scratch pointer of thread t. */
  ATTN_SCRATCH: 224,
  /** Total int32 slots. */
  INTS: 288,
  /** Most threads the layout has room for. */
  MAX_THREADS: 64,
} as const;

export const OP = { EXIT: 0, GEMV: 1, GEMM: 2, ATTENTION: 3 } as const;

/** The control block layout sent to each worker (it cannot import this module). */
export type ControlLayout = typeof CTRL;
