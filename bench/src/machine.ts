// Machine information recorded with every run: CPU, cores, memory, Node/V8, and the WebAssembly
// features this engine validates (relaxed SIMD may need enabling first, see enableRelaxedSimd).
import { cpus, arch, platform, release, totalmem } from "node:os";
import { setFlagsFromString } from "node:v8";
import { detectWasmFeatures, type WasmFeatures } from "./wasm/features.js";

export interface MachineInfo {
  cpu: string;
  /** Logical CPUs the OS reports. */
  cores: number;
  arch: string;
  platform: string;
  osRelease: string;
  totalMemoryGiB: number;
  node: string;
  v8: string;
  wasm: WasmFeatures;
  /** How relaxed SIMD came to be available (or why not). */
  relaxedSimd: string;
}

/**
 * Node 20's V8 ships relaxed SIMD behind --experimental-wasm-relaxed-simd. The bench turns it on
 * at startup (before any module is compiled) so the kernels loader can pick that variant; newer
 * engines have it on already. Returns a one-line account for the machine info.
 */
export function enableRelaxedSimd(): string {
  if (detectWasmFeatures().relaxedSimd) return "native (engine validates f32x4.relaxed_madd)";
  try {
    setFlagsFromString("--experimental-wasm-relaxed-simd");
  } catch {
    return "unavailable (could not set --experimental-wasm-relaxed-simd)";
  }
  return detectWasmFeatures().relaxedSimd
    ? "enabled by the bench at startup (--experimental-wasm-relaxed-simd)"
    : "unavailable in this engine";
}

export function machineInfo(relaxedSimd: string): MachineInfo {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? "unknown",
    cores: list.length,
    arch: arch(),
    platform: platform(),
    osRelease: release(),
    totalMemoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    v8: process.versions.v8,
    wasm: detectWasmFeatures(),
    relaxedSimd,
  };
}

export function describeMachine(m: MachineInfo): string {
  const f = m.wasm;
  const flags = `simd ${f.simd ? "yes" : "no"}, relaxed-simd ${f.relaxedSimd ? "yes" : "no"}, threads ${f.threads ? "yes" : "no"}`;
  return `${m.cpu}, ${m.cores} cores, ${m.totalMemoryGiB} GiB, ${m.platform}/${m.arch}; Node ${m.node} (V8 ${m.v8}); wasm: ${flags}`;
}
