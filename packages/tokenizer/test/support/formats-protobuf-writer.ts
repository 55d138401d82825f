// A tiny protobuf writer for building SentencePiece .model files in tests (written from the wire
// format spec: varint tags `field << 3 | wire type`, little-endian fixed32, length-prefixed bytes).

export type Field = Uint8Array;

export function varint(value: number | bigint): number[] {
  let v = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  do {
    let b = Number(v & 0x7fn);
    v >>= 7n;
    if (v !== 0n) b |= 0x80;
    out.push(b);
  } while (v !== 0n);
  return out;
}

const tag = (field: number, wire: number) => varint(field * 8 + wire);

export const int32Field = (field: number, value: number): Field => Uint8Array.from([...tag(field, 0), ...varint(value)]);
export const boolField = (field: number, value: boolean): Field => int32Field(field, value ? 1 : 0);

export function floatField(field: number, value: number): Field {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setFloat32(0, value, true);
  return Uint8Array.from([...tag(field, 5), ...b]);
}

export function bytesField(field: number, bytes: Uint8Array): Field {
  return Uint8Array.from([...tag(field, 2), ...varint(bytes.length), ...bytes]);
}

export const stringField = (field: number, text: string): Field => bytesField(field, new TextEncoder().encode(text));
export const messageField = (field: number, ...fields: Field[]): Field => bytesField(field, concat(...fields));

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export type PieceSpec = [piece: string, score: number, type?: number];

/** A ModelProto: pieces (type 1 normal, 2 unknown, 3 control, 4 user-defined, 6 byte) + specs. */
export function modelProto(pieces: PieceSpec[], trainer: Field[], normalizer: Field[]): Uint8Array {
  return concat(
    ...pieces.map(([piece, score, type]) =>
      messageField(1, stringField(1, piece), floatField(2, score), ...(type === undefined ? [] : [int32Field(3, type)])),
    ),
    messageField(2, ...trainer),
    messageField(3, ...normalizer),
  );
}
