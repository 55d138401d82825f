// A written safetensors file parses back by the spec: u64 little-endian header length, a JSON header
// of {dtype, shape, data_offsets} relative to the data section, contiguous and covering it exactly.
import { describe, expect, it } from "vitest";
import { bf16Bits, f16Bits, fromBf16Bits, fromF16Bits, roundToDtype, safetensorsBytes } from "../src/index.js";

function parse(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = Number(view.getBigUint64(0, true));
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n)));
  return { n, header, data: bytes.subarray(8 + n), view };
}

const tensors = new Map([
  ["a", { shape: [2, 3], data: Float32Array.of(1, -2, 0.5, 3.25, -0, 65504) }],
  ["b.c", { shape: [3], data: [0.1, -1 / 3, 2 ** -24] }],
  ["scalar", { shape: [], data: [7] }],
]);

describe("safetensorsBytes", () => {
  for (const dtype of ["F32", "F16", "BF16"]) {
    for (const align of [false, true]) {
      it(`${dtype}${align ? ", aligned" : ""}: header length, JSON, contiguous offsets, values`, () => {
        const bytes = safetensorsBytes(tensors, { dtype, align });
        const { n, header, data, view } = parse(bytes);
        const size = dtype === "F32" ? 4 : 2;
        expect(Object.keys(header)).toEqual(["__metadata__", "a", "b.c", "scalar"]);
        expect(header.__metadata__).toEqual({ format: "pt" });
        if (align) expect((8 + n) % 8).toBe(0);
        let end = 0;
        for (const [name, t] of tensors) {
          expect(header[name].dtype).toBe(dtype);
          expect(header[name].shape).toEqual(t.shape);
          expect(header[name].data_offsets).toEqual([end, end + size * t.data.length]);
          for (let i = 0; i < t.data.length; i++) {
            const p = 8 + n + end + size * i;
            const got = dtype === "F32" ? view.getFloat32(p, true) : dtype === "F16" ? fromF16Bits(view.getUint16(p, true)) : fromBf16Bits(view.getUint16(p, true));
            expect(got).toBe(roundToDtype(t.data[i], dtype));
          }
          end += size * t.data.length;
        }
        expect(data.length).toBe(end);
      });
    }
  }

  it("refuses data that does not match its shape", () => {
    expect(() => safetensorsBytes(new Map([["x", { shape: [2, 2], data: [1, 2, 3] }]]))).toThrow(/x has 3 values for shape \[2,2\]/);
  });
});

describe("half precision", () => {
  it("encodes F16 and BF16 as IEEE binary16 / the top half of float32", () => {
    expect([1, -2, 65504, 2 ** -24, 2 ** -14, 0, -0].map(f16Bits)).toEqual([0x3c00, 0xc000, 0x7bff, 0x0001, 0x0400, 0, 0x8000]);
    expect([1, -2, 0.5].map(bf16Bits)).toEqual([0x3f80, 0xc000, 0x3f00]);
    expect(fromF16Bits(0x3555)).toBeCloseTo(1 / 3, 3);
    expect(roundToDtype(1 + 2 ** -12, "F16")).toBe(1);
    expect(roundToDtype(1 + 2 ** -7, "BF16")).toBe(1 + 2 ** -7);
  });
});
