// Engine feature detection with WebAssembly.validate on tiny hand-assembled modules.

/** (module (func (result v128) v128.const 0 … )) */
const SIMD_PROBE: Uint8Array<ArrayBuffer> = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // header
  0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b, // type: () -> v128
  0x03, 0x02, 0x01, 0x00, // func 0: type 0
  0x0a, 0x16, 0x01, 0x14, 0x00, // code: 1 body, 20 bytes, 0 locals
  0xfd, 0x0c, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // v128.const
  0x0b,
]);

/** (module (func (result v128) (f32x4.relaxed_madd (local.get 0) (local.get 0) (local.get 0)))) with a v128 local */
const RELAXED_PROBE: Uint8Array<ArrayBuffer> = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b,
  0x03, 0x02, 0x01, 0x00,
  0x0a, 0x0f, 0x01, 0x0d, 0x01, 0x01, 0x7b, // 1 body, 13 bytes, 1 local group: 1 × v128
  0x20, 0x00, 0x20, 0x00, 0x20, 0x00, // local.get 0 ×3
  0xfd, 0x85, 0x02, // f32x4.relaxed_madd (0xfd 0x105)
  0x0b,
]);

function validates(bytes: Uint8Array<ArrayBuffer>): boolean {
  try {
    return typeof WebAssembly === "object" && WebAssembly.validate(bytes);
  } catch {
    return false;
  }
}

export interface WasmFeatures {
  wasm: boolean;
  simd: boolean;
  relaxedSimd: boolean;
  /** SharedArrayBuffer usable (cross-origin isolated in browsers). */
  sharedMemory: boolean;
}

let cached: WasmFeatures | undefined;

export function detectWasmFeatures(): WasmFeatures {
  if (cached) return cached;
  const wasm = typeof WebAssembly === "object" && typeof WebAssembly.validate === "function";
  const g = globalThis as { crossOriginIsolated?: boolean };
  cached = {
    wasm,
    simd: wasm && validates(SIMD_PROBE),
    relaxedSimd: wasm && validates(RELAXED_PROBE),
    sharedMemory: typeof SharedArrayBuffer === "function" && g.crossOriginIsolated !== false,
  };
  return cached;
}
