// Typed errors thrown by @wasmformer/kernels. Argument problems are plain RangeError/TypeError
// whose message starts with the argument name ("matmul: x: ..."); the heap cap has its own class.

/** Thrown when an allocation would take the heap past `maxMemoryBytes`. */
export class KernelsMemoryError extends Error {
  override readonly name = "KernelsMemoryError";
  /** Bytes the failed allocation asked for. */
  readonly requestedBytes: number;
  /** Bytes currently allocated to live tensors. */
  readonly usedBytes: number;
  /** The configured cap (`maxMemoryBytes`). */
  readonly maxMemoryBytes: number;

  constructor(requestedBytes: number, usedBytes: number, maxMemoryBytes: number) {
    super(
      `kernels heap: allocating ${requestedBytes} bytes would exceed maxMemoryBytes=${maxMemoryBytes} ` +
        `(${usedBytes} bytes in live tensors); free tensors or raise maxMemoryBytes`,
    );
    this.requestedBytes = requestedBytes;
    this.usedBytes = usedBytes;
    this.maxMemoryBytes = maxMemoryBytes;
  }
}

/** Thrown when a disposed kernels instance is used. */
export class KernelsDisposedError extends Error {
  override readonly name = "KernelsDisposedError";
  constructor(op: string) {
    super(`${op}: this kernels instance has been disposed`);
  }
}
