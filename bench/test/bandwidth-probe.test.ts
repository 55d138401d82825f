// The hand-assembled probe reads exactly the buffer it is given, once — one stream or two: over 1.0f
// it returns the float count, over small distinct integers their sum (both exact in f32 for these
// sizes) — and it validates as a SIMD module.
import { describe, expect, it } from "vitest";
import { bandwidthProbeBytes, createBandwidthProbe, probeExport } from "../src/wasm/bandwidth-probe.js";

describe("bandwidth probe", () => {
  it("validates", () => {
    expect(WebAssembly.validate(bandwidthProbeBytes())).toBe(true);
  });
  it.each([1, 2] as const)("with %i stream(s), sums 64, 6400 and 1 MiB bytes of 1.0f to bytes/4", (streams) => {
    for (const bytes of [64, 6400, 1 << 20]) {
      const probe = createBandwidthProbe(bytes, streams);
      expect(probe.bytes).toBe(bytes);
      expect(probe.run()).toBe(bytes / 4);
    }
  });
  it.each([1, 2] as const)("with %i stream(s), reads every float of the buffer once and nothing past it", (streams) => {
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bandwidthProbeBytes()));
    const mem = instance.exports.mem as WebAssembly.Memory;
    const sum = instance.exports[probeExport(streams)] as (ptr: number, bytes: number) => number;
    const f = new Float32Array(mem.buffer);
    const base = 64, floats = 1600; // 6400 bytes: halves of 3200, 100 steps of 32 bytes each
    for (let i = 0; i < f.length; i++) f[i] = base / 4 <= i && i < base / 4 + floats ? (i * 7) % 13 : 1000;
    let expected = 0;
    for (let i = 0; i < floats; i++) expected += f[base / 4 + i]!;
    expect(sum(base, floats * 4)).toBe(expected);
  });
  it("rounds a size up to the 64-byte stride", () => {
    expect(createBandwidthProbe(100).bytes).toBe(128);
  });
  it("rejects a bad size with a RangeError naming it", () => {
    expect(() => createBandwidthProbe(0)).toThrow(/bandwidth probe: bytes/);
    expect(() => createBandwidthProbe(1.5)).toThrow(RangeError);
  });
});
