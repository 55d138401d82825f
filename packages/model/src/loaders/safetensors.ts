// safetensors: 8-byte little-endian header length N, N bytes of JSON
//   { "<name>": { "dtype": "F32" | "F16" | "BF16", "shape": [..], "data_offsets": [begin, end] }, "__metadata__": {..} }
// then the data. Everything is checked (header inside the file, offsets inside the data, sizes equal
// shape × dtype) before a tensor is read; f16 and bf16 are widened to f32 while copying into the heap.

import { ModelFileError } from "../errors.js";

export type SafetensorsDtype = "F32" | "F16" | "BF16";
const DTYPE_BYTES: Record<SafetensorsDtype, number> = { F32: 4, F16: 2, BF16: 2 };

export interface SafetensorsTensor {
  name: string;
  dtype: SafetensorsDtype;
  shape: number[];
  /** Byte range inside the file. */
  begin: number;
  end: number;
}

export class SafetensorsFile {
  readonly file: string;
  readonly tensors: ReadonlyMap<string, SafetensorsTensor>;
  readonly metadata: Record<string, string>;
  readonly #bytes: Uint8Array;

  constructor(bytes: Uint8Array, file = "model.safetensors") {
    this.file = file;
    this.#bytes = bytes;
    if (bytes.length < 8) throw new ModelFileError(file, `${bytes.length} bytes is too short for the 8-byte header length`);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
    const n = Number(view.getBigUint64(0, true));
    if (n > bytes.length - 8) throw new ModelFileError(file, `header length ${n} exceeds the file (${bytes.length} bytes)`, { offset: 0 });
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(8, 8 + n)));
    } catch (error) {
      throw new ModelFileError(file, `the header is not valid UTF-8 JSON (${(error as Error).message})`, { offset: 8 });
    }
    if (typeof json !== "object" || json === null || Array.isArray(json)) throw new ModelFileError(file, "the header is not a JSON object", { offset: 8 });
    const dataStart = 8 + n;
    const tensors = new Map<string, SafetensorsTensor>();
    let metadata: Record<string, string> = {};
    for (const [name, entry] of Object.entries(json as Record<string, unknown>)) {
      if (name === "__metadata__") {
        metadata = (entry ?? {}) as Record<string, string>;
        continue;
      }
      const e = entry as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
      const field = (f: string): string => `${name}.${f}`;
      if (typeof e !== "object" || e === null) throw new ModelFileError(file, "not an object", { field: name });
      if (typeof e.dtype !== "string" || !(e.dtype in DTYPE_BYTES))
        throw new ModelFileError(file, `dtype ${JSON.stringify(e.dtype)} is not supported (F32, F16, BF16)`, { field: field("dtype") });
      if (!Array.isArray(e.shape) || !e.shape.every((d) => Number.isSafeInteger(d) && d >= 0))
        throw new ModelFileError(file, `shape ${JSON.stringify(e.shape)} is not a list of non-negative integers`, { field: field("shape") });
      const offs = e.data_offsets;
      if (!Array.isArray(offs) || offs.length !== 2 || !offs.every((d) => Number.isSafeInteger(d) && d >= 0) || offs[1] < offs[0])
        throw new ModelFileError(file, `data_offsets ${JSON.stringify(offs)} is not [begin, end]`, { field: field("data_offsets") });
      const dtype = e.dtype as SafetensorsDtype;
      const shape = e.shape as number[];
      const count = shape.reduce((a, b) => a * b, 1);
      const [b, en] = offs as [number, number];
      if ((en - b) !== count * DTYPE_BYTES[dtype])
        throw new ModelFileError(file, `holds ${en - b} bytes, shape ${JSON.stringify(shape)} in ${dtype} needs ${count * DTYPE_BYTES[dtype]}`, { field: field("data_offsets") });
      if (dataStart + en > bytes.length)
        throw new ModelFileError(file, `truncated: tensor ${name} ends at byte ${dataStart + en}, the file has ${bytes.length}`, { field: field("data_offsets") });
      tensors.set(name, { name, dtype, shape, begin: dataStart + b, end: dataStart + en });
    }
    this.tensors = tensors;
    this.metadata = metadata;
  }

  /** The tensor's entry; a clear error naming it when missing or of an unexpected shape. */
  get(name: string, shape?: readonly number[]): SafetensorsTensor {
    const t = this.tensors.get(name);
    if (t === undefined) throw new ModelFileError(this.file, "missing tensor", { field: name });
    if (shape && (t.shape.length !== shape.length || t.shape.some((d, i) => d !== shape[i])))
      throw new ModelFileError(this.file, `shape ${JSON.stringify(t.shape)}, expected ${JSON.stringify(shape)}`, { field: name });
    return t;
  }

  /** Element i of a tensor as a float. */
  reader(t: SafetensorsTensor): (i: number) => number {
    const view = new DataView(this.#bytes.buffer, this.#bytes.byteOffset + t.begin, t.end - t.begin);
    if (t.dtype === "F32") return (i) => view.getFloat32(4 * i, true);
    if (t.dtype === "BF16") return (i) => bf16ToFloat(view.getUint16(2 * i, true));
    return (i) => f16ToFloat(view.getUint16(2 * i, true));
  }

  /**
   * Copies a tensor (or a column range of a 2-D one) into `target` at `offset`, widening to f32.
   * `transpose`: the source is [in, out] (GPT-2's Conv1D) and the target wants [out, in].
   */
  copyInto(target: Float32Array, offset: number, t: SafetensorsTensor, opts: { transpose?: boolean; columns?: [number, number] } = {}): number {
    const read = this.reader(t);
    if (!opts.transpose && !opts.columns) {
      const n = t.shape.reduce((a, b) => a * b, 1);
      if (t.dtype === "F32" && (this.#bytes.byteOffset + t.begin) % 4 === 0)
        target.set(new Float32Array(this.#bytes.buffer, this.#bytes.byteOffset + t.begin, n), offset);
      else for (let i = 0; i < n; i++) target[offset + i] = read(i);
      return n;
    }
    const rows = t.shape.length === 2 ? t.shape[0]! : 1;
    const cols = t.shape[t.shape.length - 1]!;
    const [c0, c1] = opts.columns ?? [0, cols];
    let k = offset;
    if (opts.transpose) for (let c = c0; c < c1; c++) for (let r = 0; r < rows; r++) target[k++] = read(r * cols + c);
    else for (let r = 0; r < rows; r++) for (let c = c0; c < c1; c++) target[k++] = read(r * cols + c);
    return k - offset;
  }
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

export function bf16ToFloat(h: number): number {
  u32[0] = h << 16;
  return f32[0]!;
}

export function f16ToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 31) return frac ? NaN : sign * Infinity;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}
