// A minimal protocol-buffers wire-format reader (proto2), enough for SentencePiece's ModelProto.
// Every read checks the bytes that remain first; a problem throws TokenizerFileError with the file,
// the byte offset and the field path being read (e.g. "pieces[12].score").

import { TokenizerFileError } from "../errors.js";

export const enum WireType {
  Varint = 0,
  Fixed64 = 1,
  LengthDelimited = 2,
  StartGroup = 3,
  EndGroup = 4,
  Fixed32 = 5,
}

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Reads the fields of one message from bytes[start, end). */
export class ProtoReader {
  readonly #bytes: Uint8Array;
  readonly #view: DataView;
  readonly #file: string;
  readonly #end: number;
  /** Field path of this message, e.g. "trainer_spec" ("" for the top level). */
  readonly path: string;
  #pos: number;
  /** Number and wire type of the field read by next(), and the offset of its tag. */
  field = 0;
  wireType: WireType = WireType.Varint;
  tagOffset = 0;

  constructor(bytes: Uint8Array, file: string, path = "", start = 0, end = bytes.length) {
    this.#bytes = bytes;
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.#file = file;
    this.path = path;
    this.#pos = start;
    this.#end = end;
  }

  /** Throws a TokenizerFileError at `offset` (default: the current field's tag) about `field`. */
  fail(problem: string, field: string, offset = this.tagOffset): never {
    throw new TokenizerFileError(problem, { file: this.#file, offset, field: this.path === "" ? field : `${this.path}.${field}` });
  }

  /** Advances to the next field; false at the end of the message. */
  next(): boolean {
    if (this.#pos >= this.#end) return false;
    this.tagOffset = this.#pos;
    const tag = this.#varint("tag");
    this.field = Math.floor(tag / 8);
    this.wireType = tag % 8;
    if (this.field === 0) this.fail("invalid field number 0", "tag");
    return true;
  }

  /** The low 32 bits of the last varint read (int32 fields are sign-extended to 10 bytes). */
  #low32 = 0;

  /** An unsigned varint as a number (exact up to 2^53); also sets #low32. */
  #varint(name: string): number {
    let low = 0;
    let high = 0;
    const start = this.#pos;
    for (let i = 0; i < 10; i++) {
      if (this.#pos >= this.#end) this.fail("the message ends inside a varint", name, start);
      const b = this.#bytes[this.#pos++];
      const bits = b & 0x7f;
      if (i < 4) low |= bits << (7 * i);
      else if (i === 4) {
        low |= bits << 28;
        high = bits >>> 4;
      } else high |= bits << (7 * i - 32);
      if ((b & 0x80) === 0) {
        this.#low32 = low;
        return (high >>> 0) * 2 ** 32 + (low >>> 0);
      }
    }
    return this.fail("a varint longer than 10 bytes", name, start);
  }

  #expect(type: WireType, name: string, what: string): void {
    if (this.wireType !== type) this.fail(`expected ${what} (wire type ${type}), found wire type ${this.wireType}`, name);
  }

  /** An int32 / enum field (negative values are sign-extended 10-byte varints). */
  int32(name: string): number {
    this.#expect(WireType.Varint, name, "a varint");
    this.#varint(name);
    return this.#low32 | 0;
  }

  bool(name: string): boolean {
    this.#expect(WireType.Varint, name, "a varint");
    return this.#varint(name) !== 0;
  }

  float(name: string): number {
    this.#expect(WireType.Fixed32, name, "a 32-bit float");
    if (this.#end - this.#pos < 4) this.fail(`the message ends inside a 4-byte float`, name);
    const value = this.#view.getFloat32(this.#pos, true);
    this.#pos += 4;
    return value;
  }

  /** A length-delimited field's bytes (a view, not a copy). */
  bytes(name: string): Uint8Array {
    this.#expect(WireType.LengthDelimited, name, "a length-delimited field");
    const lengthOffset = this.#pos;
    const length = this.#varint(name);
    if (length > this.#end - this.#pos)
      this.fail(`a length of ${length} bytes runs past the end of its message (${this.#end - this.#pos} bytes remain)`, name, lengthOffset);
    const out = this.#bytes.subarray(this.#pos, this.#pos + length);
    this.#pos += length;
    return out;
  }

  string(name: string): string {
    const offset = this.#pos;
    const raw = this.bytes(name);
    try {
      return utf8.decode(raw);
    } catch {
      return this.fail("the string is not valid UTF-8", name, offset);
    }
  }

  /** A nested message's reader. */
  message(name: string): ProtoReader {
    const raw = this.bytes(name);
    const start = raw.byteOffset - this.#bytes.byteOffset;
    return new ProtoReader(this.#bytes, this.#file, this.path === "" ? name : `${this.path}.${name}`, start, start + raw.length);
  }

  /** Skips the current field (unknown fields are allowed, as in protobuf). */
  skip(): void {
    switch (this.wireType) {
      case WireType.Varint:
        this.#varint(`field ${this.field}`);
        return;
      case WireType.Fixed64:
      case WireType.Fixed32: {
        const size = this.wireType === WireType.Fixed64 ? 8 : 4;
        if (this.#end - this.#pos < size) this.fail(`the message ends inside a ${size}-byte field`, `field ${this.field}`);
        this.#pos += size;
        return;
      }
      case WireType.LengthDelimited:
        this.bytes(`field ${this.field}`);
        return;
      default:
        this.fail(`unsupported wire type ${this.wireType}`, `field ${this.field}`);
    }
  }
}
