// The control block the main thread and the workers share: a few hundred int32 slots in the heap.
// The main thread writes an op, its arguments and how the work splits into chunks, then publishes
// NEXT and bumps SEQ. Every thread (the main one included) claims chunks from NEXT until none are
// left and counts each finished chunk in COMPLETED; the main thread returns when all are counted.
// Claiming instead of fixed slices means a worker that is late (descheduled, still asleep) costs
// at most the chunk it holds, never a whole half of the job.

export const CTRL = {
  /** Job generation; idle workers wait for it to change. */
  SEQ: 0,
  /** Chunks finished in the current job. */
  COMPLETED: 1,
  /** Op code of the current job (OP.*). */
  OP: 2,
  /** Non-zero when a worker threw; the main thread reports it. */
  ERROR: 3,
  /** Next chunk to claim: (job generation & 0x7fff) << 16 | chunk index. */
  NEXT: 4,
  /** Chunks in the current job. */
  CHUNKS: 5,
  /** Items (output columns or heads) per chunk. */
  CHUNK_SIZE: 6,
  /** Items in the whole job. */
  ITEMS: 7,
  /** Arguments: ARGS + i (int32, or float32 through a Float32Array over the same bytes). */
  ARGS: 8,
  /** GEMM packing scratch pointer of thread t. */
  GEMM_SCRATCH: 32,
  /** Attention scratch pointer of thread t. */
  ATTN_SCRATCH: 96,
  /** Total int32 slots. */
  INTS: 160,
  /** Most threads the layout has room for. */
  MAX_THREADS: 64,
} as const;

/** GEMV/GEMM: W row-major; *_N4K4: W packed "n4k4" (chunks start at 4-row panels, as they always do). */
export const OP = { EXIT: 0, GEMV: 1, GEMM: 2, ATTENTION: 3, GEMV_N4K4: 4, GEMM_N4K4: 5, GEMV_N4K4_X2: 6 } as const;

/** The control block layout sent to each worker (it cannot import this module). */
export type ControlLayout = typeof CTRL;
