// WebAssembly feature detection by validating tiny hand-assembled modules (the same test engines
// and the kernels loader use), reported in the bench's machine info.
import { body, moduleBytes, section, SECTION, vec } from "./module-bytes.js";

export interface WasmFeatures {
  simd: boolean;
  relaxedSimd: boolean;
  /** Shared memory + atomics (needed for the threads variant). */
  threads: boolean;
}

const V128_CONST_ZERO = [0xfd, 0x0c, ...new Array<number>(16).fill(0)];
const F32X4_RELAXED_MADD = [0xfd, 0x85, 0x02];
const DROP = 0x1a;
const END = 0x0b;

/** A module with one `() -> ()` function whose body is `code`. */
function oneFunction(code: number[], extraSections: number[][] = []): Uint8Array<ArrayBuffer> {
  return moduleBytes(
    section(SECTION.type, vec([[0x60, 0x00, 0x00]])),
    section(SECTION.function, vec([[0x00]])),
    ...extraSections,
    section(SECTION.code, vec([body([], code)])),
  );
}

function validates(bytes: Uint8Array<ArrayBuffer>): boolean {
  try {
    return WebAssembly.validate(bytes);
  } catch {
    return false;
  }
}

export function detectWasmFeatures(): WasmFeatures {
  const simd = validates(oneFunction([...V128_CONST_ZERO, DROP, END]));
  const relaxedSimd = validates(
    oneFunction([...V128_CONST_ZERO, ...V128_CONST_ZERO, ...V128_CONST_ZERO, ...F32X4_RELAXED_MADD, DROP, END]),
  );
  // memory flags 0x03 = shared with maximum; plus an atomic.fence so both parts are required.
  const sharedMemory = section(SECTION.memory, vec([[0x03, 0x01, 0x01]]));
  const threads =
    typeof SharedArrayBuffer === "function" && validates(oneFunction([0xfe, 0x03, 0x00, END], [sharedMemory]));
  return { simd, relaxedSimd, threads };
}
