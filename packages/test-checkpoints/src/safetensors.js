// A safetensors writer, from the format's specification (huggingface/safetensors README): an 8-byte
// little-endian u64 N, an N-byte UTF-8 JSON header {name: {dtype, shape, data_offsets: [begin, end]},
// "__metadata__": {...}} whose offsets are relative to the byte after the header, then the raw
// little-endian tensor data, contiguous, in header order.
import { bf16Bits, f16Bits } from "./half-precision.js";

const SIZE = { F32: 4, F16: 2, BF16: 2 };

/**
 * The bytes of a .safetensors file holding `tensors` (in map order) as `dtype` (default F32).
 * `align: true` pads the header with spaces (the spec allows trailing whitespace) so the data starts
 * 8-byte aligned, as the reference writer does; the default leaves it unpadded.
 */
export function safetensorsBytes(tensors, options = {}) {
  const dtype = options.dtype ?? "F32";
  const size = SIZE[dtype];
  if (size === undefined) throw new Error(`safetensorsBytes: unsupported dtype ${dtype}`);
  const header = { __metadata__: { format: "pt" } };
  let offset = 0;
  for (const [name, t] of tensors) {
    const count = t.shape.reduce((a, b) => a * b, 1);
    if (count !== t.data.length) throw new Error(`safetensorsBytes: ${name} has ${t.data.length} values for shape [${t.shape}]`);
    header[name] = { dtype, shape: [...t.shape], data_offsets: [offset, offset + size * count] };
    offset += size * count;
  }
  let json = JSON.stringify(header);
  if (options.align) json += " ".repeat((8 - ((8 + json.length) % 8)) % 8);
  const head = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + head.length + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(head.length), true);
  out.set(head, 8);
  let p = 8 + head.length;
  for (const t of tensors.values())
    for (let i = 0; i < t.data.length; i++, p += size) {
      const v = t.data[i];
      if (dtype === "F32") view.setFloat32(p, v, true);
      else view.setUint16(p, dtype === "F16" ? f16Bits(v) : bf16Bits(v), true);
    }
  return out;
}
