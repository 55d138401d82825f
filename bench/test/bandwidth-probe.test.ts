// The hand-assembled probe reads exactly the buffer it is given: over 1.0f it returns the float
// count (exact in f32 for these sizes), and it validates as a SIMD module.
import { describe, expect, it } from "vitest";
import { bandwidthProbeBytes, createBandwidthProbe } from "../src/wasm/bandwidth-probe.js";

describe("bandwidth probe", () => {
  it("validates", () => {
    expect(WebAssembly.validate(bandwidthProbeBytes())).toBe(true);
  });
  it.each([64, 6400, 1 << 20])("sums %i bytes of 1.0f to bytes/4", (bytes) => {
    const probe = createBandwidthProbe(bytes);
    expect(probe.bytes).toBe(bytes);
    expect(probe.run()).toBe(bytes / 4);
  });
  it("rounds a size up to the 64-byte stride", () => {
    expect(createBandwidthProbe(100).bytes).toBe(128);
  });
  it("rejects a bad size with a RangeError naming it", () => {
    expect(() => createBandwidthProbe(0)).toThrow(/bandwidth probe: bytes/);
    expect(() => createBandwidthProbe(1.5)).toThrow(RangeError);
  });
});
