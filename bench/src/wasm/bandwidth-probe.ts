// The memory-bandwidth probe: hand-assembled WebAssembly functions that stream through a buffer
// with v128.load and sum f32x4 lanes into four accumulators — `sum` front to back as one stream,
// `sum2` as two (the buffer's two halves side by side, which the hardware prefetchers serve
// faster on some CPUs: this machine class reads 40-42 GB/s that way against 30-35 for one stream).
// Run over a buffer much larger than the caches, the faster of the two is the single-core read
// bandwidth the GEMV targets are measured against (a GEMV over weights that do not fit in cache can
// go no faster).
import { body, moduleBytes, name, section, SECTION, sleb, uleb, vec, VALTYPE } from "./module-bytes.js";

const OP = {
  block: 0x02,
  loop: 0x03,
  br: 0x0c,
  brIf: 0x0d,
  end: 0x0b,
  localGet: 0x20,
  localSet: 0x21,
  i32Const: 0x41,
  i32GeU: 0x4f,
  i32Add: 0x6a,
  i32ShrU: 0x76,
  f32Add: 0x92,
  void: 0x40,
} as const;
const SIMD = 0xfd;
const V128_LOAD = 0x00;
const F32X4_EXTRACT_LANE = 0x1f;
const F32X4_ADD = [0xe4, 0x01];

// Locals: 0 = ptr (param), 1 = bytes (param), 2..5 = v128 accumulators, 6 = end pointer,
// 7 = distance from the first stream to the second (two-stream probe).
const PTR = 0;
const BYTES = 1;
const ACC = [2, 3, 4, 5];
const END_PTR = 6;
const SECOND = 7;
/** Bytes consumed per loop iteration (four 16-byte loads). */
export const PROBE_STRIDE = 64;

function get(i: number): number[] {
  return [OP.localGet, i];
}
function set(i: number): number[] {
  return [OP.localSet, i];
}

/** acc[k] = acc[k] + v128.load(ptr (+ second) + offset) */
function accumulate(k: number, offset: number, second = false): number[] {
  const address = second ? [...get(PTR), ...get(SECOND), OP.i32Add] : get(PTR);
  return [...get(ACC[k]), ...address, SIMD, V128_LOAD, 0x04, ...uleb(offset), SIMD, ...F32X4_ADD, ...set(ACC[k])];
}

/** One stream: 64 bytes per step. Two streams: 32 bytes of each half per step, ending at the middle. */
function probeCode(streams: 1 | 2): number[] {
  const laneSum = (lane: number): number[] => [...get(ACC[0]), SIMD, F32X4_EXTRACT_LANE, lane];
  const setup =
    streams === 1
      ? [...get(PTR), ...get(BYTES), OP.i32Add, ...set(END_PTR)]
      : [...get(BYTES), OP.i32Const, 1, OP.i32ShrU, ...set(SECOND), ...get(PTR), ...get(SECOND), OP.i32Add, ...set(END_PTR)];
  const step =
    streams === 1
      ? [...accumulate(0, 0), ...accumulate(1, 16), ...accumulate(2, 32), ...accumulate(3, 48)]
      : [...accumulate(0, 0), ...accumulate(1, 16), ...accumulate(2, 0, true), ...accumulate(3, 16, true)];
  return [
    ...setup,
    OP.block, OP.void,
    OP.loop, OP.void,
    ...get(PTR), ...get(END_PTR), OP.i32GeU, OP.brIf, 1,
    ...step,
    ...get(PTR), OP.i32Const, ...sleb(PROBE_STRIDE / streams), OP.i32Add, ...set(PTR),
    OP.br, 0,
    OP.end,
    OP.end,
    // acc0 = (acc0 + acc1) + (acc2 + acc3); return the sum of its lanes.
    ...get(ACC[0]), ...get(ACC[1]), SIMD, ...F32X4_ADD,
    ...get(ACC[2]), ...get(ACC[3]), SIMD, ...F32X4_ADD,
    SIMD, ...F32X4_ADD, ...set(ACC[0]),
    ...laneSum(0), ...laneSum(1), OP.f32Add, ...laneSum(2), OP.f32Add, ...laneSum(3), OP.f32Add,
    OP.end,
  ];
}

/**
 * `(module (memory (export "mem") 1) (func (export "sum") (param i32 i32) (result f32) ...)
 *  (func (export "sum2") ...))`: sum(ptr, bytes) reads one stream, sum2 two.
 */
export function bandwidthProbeBytes(): Uint8Array<ArrayBuffer> {
  const locals: [number, number][] = [[4, VALTYPE.v128], [2, VALTYPE.i32]];
  return moduleBytes(
    section(SECTION.type, vec([[0x60, 0x02, VALTYPE.i32, VALTYPE.i32, 0x01, VALTYPE.f32]])),
    section(SECTION.function, vec([[0x00], [0x00]])),
    section(SECTION.memory, vec([[0x00, 0x01]])),
    section(SECTION.export, vec([[...name("mem"), 0x02, 0x00], [...name("sum"), 0x00, 0x00], [...name("sum2"), 0x00, 0x01]])),
    section(SECTION.code, vec([body(locals, probeCode(1)), body(locals, probeCode(2))])),
  );
}

/** How the probe reads its buffer: front to back, or its two halves side by side. */
export type ProbeStreams = 1 | 2;
/** The probe function that reads with that many streams. */
export const probeExport = (streams: ProbeStreams): "sum" | "sum2" => (streams === 1 ? "sum" : "sum2");

export interface BandwidthProbe {
  /** Bytes streamed per call. */
  readonly bytes: number;
  /** Stream the whole buffer once; returns the lane sum (so the loads cannot be optimised away). */
  run(): number;
}

/**
 * Instantiate the probe over a buffer of `bytes` (rounded up to the 64-byte stride), filled with
 * 1.0f so `run()` returns a known, checkable sum for small buffers; it reads with `streams` streams.
 */
export function createBandwidthProbe(bytes: number, streams: ProbeStreams = 1): BandwidthProbe {
  if (!Number.isInteger(bytes) || bytes <= 0 || bytes > 2 ** 31) {
    throw new RangeError(`bandwidth probe: bytes must be an integer in 1..2^31, got ${bytes}`);
  }
  const size = Math.ceil(bytes / PROBE_STRIDE) * PROBE_STRIDE;
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bandwidthProbeBytes()));
  const mem = instance.exports.mem as WebAssembly.Memory;
  const sum = instance.exports[probeExport(streams)] as (ptr: number, bytes: number) => number;
  const base = 64; // keep address 0 out of the stream; aligned to the stride
  const pages = Math.ceil((base + size) / 65536);
  mem.grow(pages - mem.buffer.byteLength / 65536);
  new Float32Array(mem.buffer, base, size / 4).fill(1);
  return { bytes: size, run: () => sum(base, size) };
}
