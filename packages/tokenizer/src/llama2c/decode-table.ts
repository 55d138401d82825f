// What every llama2.c id prints (run.c's decode + safe_printf, minus the byte dropping): one flat byte
// table. "<0xNN>" pieces are the raw byte NN; control tokens (<unk>, <s>, </s>) print their name; a
// piece starting with " " loses that space right after BOS (see Llama2cTokenizer.decode).

import { binaryToBytes } from "../bytelevel/utf8.js";

const BYTE_PIECE = /^<0x([0-9A-Fa-f]{2})>$/;

export class DecodeTable {
  /** All ids' bytes, back to back; id's bytes are bytes[start[id], start[id + 1]). */
  readonly bytes: Uint8Array;
  readonly start: Uint32Array;
  /** 1 for control tokens (skipped with skipSpecial). */
  readonly control: Uint8Array;
  /** 1 when the piece starts with " " (dropped right after BOS). */
  readonly leadingSpace: Uint8Array;

  /** `pieces`: binary strings as stored; `controlText`: id → printed name of control tokens. */
  constructor(pieces: readonly string[], controlText: ReadonlyMap<number, string>) {
    const n = pieces.length;
    const parts: Uint8Array[] = new Array<Uint8Array>(n);
    this.control = new Uint8Array(n);
    this.leadingSpace = new Uint8Array(n);
    const encoder = new TextEncoder();
    let total = 0;
    for (let id = 0; id < n; id++) {
      const piece = pieces[id];
      const name = controlText.get(id);
      if (name !== undefined) {
        parts[id] = encoder.encode(name);
        this.control[id] = 1;
      } else {
        const byte = BYTE_PIECE.exec(piece);
        parts[id] = byte !== null ? Uint8Array.of(parseInt(byte[1], 16)) : binaryToBytes(piece);
        this.leadingSpace[id] = piece.charCodeAt(0) === 0x20 ? 1 : 0;
      }
      total += parts[id].length;
    }
    this.bytes = new Uint8Array(total);
    this.start = new Uint32Array(n + 1);
    let o = 0;
    for (let id = 0; id < n; id++) {
      this.start[id] = o;
      this.bytes.set(parts[id], o);
      o += parts[id].length;
    }
    this.start[n] = o;
  }

  /** The bytes `id` prints after `previous` (a view), or nothing for a skipped control token. */
  bytesAfter(id: number, previous: number, bosId: number | undefined, skipSpecial: boolean): Uint8Array {
    if (this.control[id] === 1 && skipSpecial) return this.bytes.subarray(0, 0);
    const from = this.start[id] + (previous === bosId && this.leadingSpace[id] === 1 ? 1 : 0);
    return this.bytes.subarray(from, this.start[id + 1]);
  }
}
