// Turning the `wasm` option (bytes, URL, or compiled module) into a WebAssembly.Module, and
// reading the build variant a module was compiled as (its "wasmformer:variant" custom section).

import type { Variant } from "../api.js";

export type WasmSource = BufferSource | URL | string | WebAssembly.Module;

export async function compileSource(source: WasmSource): Promise<WebAssembly.Module> {
  if (source instanceof WebAssembly.Module) return source;
  if (typeof source === "string" || source instanceof URL) {
    if (typeof fetch !== "function") throw new TypeError("createKernels: wasm: a URL needs fetch(); pass the bytes instead");
    const res = await fetch(source);
    if (!res.ok) throw new TypeError(`createKernels: wasm: fetching ${String(source)} failed with HTTP ${res.status}`);
    return WebAssembly.compile(await res.arrayBuffer());
  }
  if (ArrayBuffer.isView(source) || source instanceof ArrayBuffer || isSharedArrayBuffer(source)) return WebAssembly.compile(source);
  throw new TypeError("createKernels: wasm must be bytes (ArrayBuffer / typed array), a URL or a WebAssembly.Module");
}

function isSharedArrayBuffer(v: unknown): v is SharedArrayBuffer {
  return typeof SharedArrayBuffer === "function" && v instanceof SharedArrayBuffer;
}

export interface ModuleBuild {
  variant: Variant;
  /** Imports a shared memory (the build the worker pool needs). */
  shared: boolean;
}

/** The build recorded by scripts/build.mjs ("simd", "relaxed-simd-shared", ...), or undefined for a foreign module. */
export function moduleBuild(mod: WebAssembly.Module): ModuleBuild | undefined {
  const sections = WebAssembly.Module.customSections(mod, "wasmformer:variant");
  if (sections.length === 0) return undefined;
  const text = new TextDecoder().decode(sections[0]);
  const shared = text.endsWith("-shared");
  const variant = shared ? text.slice(0, -"-shared".length) : text;
  return variant === "simd" || variant === "relaxed-simd" ? { variant, shared } : undefined;
}

/** Decode base64 without Buffer (works in browsers and Node). */
export function base64Bytes(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
