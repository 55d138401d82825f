// A minimal ONNX model writer: just enough protobuf to build one-op (or few-op) graphs in memory
// for onnxruntime-web, so the bench needs no .onnx files and no protobuf dependency.
// Field numbers follow onnx/onnx.proto (ModelProto, GraphProto, NodeProto, TensorProto, ...).

/** Protobuf wire-format writer (varints, length-delimited fields, packed floats). */
class ProtoWriter {
  private bytes: number[] = [];

  private varint(value: number | bigint): void {
    let v = BigInt.asUintN(64, BigInt(value));
    while (v >= 0x80n) {
      this.bytes.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    this.bytes.push(Number(v));
  }

  private tag(field: number, wireType: 0 | 2 | 5): void {
    this.varint((field << 3) | wireType);
  }

  int(field: number, value: number): this {
    this.tag(field, 0);
    this.varint(value);
    return this;
  }

  float(field: number, value: number): this {
    this.tag(field, 5);
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, value, true);
    this.bytes.push(...b);
    return this;
  }

  raw(field: number, data: Uint8Array): this {
    this.tag(field, 2);
    this.varint(data.length);
    for (let i = 0; i < data.length; i++) this.bytes.push(data[i]);
    return this;
  }

  string(field: number, s: string): this {
    return this.raw(field, new TextEncoder().encode(s));
  }

  message(field: number, m: ProtoWriter): this {
    return this.raw(field, m.finish());
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

const FLOAT = 1; // TensorProto.DataType.FLOAT
const ATTR_FLOAT = 1;
const ATTR_INT = 2;

/** A graph input/output: name and shape (numbers, or strings for symbolic dims). */
export interface OnnxValue {
  name: string;
  shape: ReadonlyArray<number | string>;
}

/** A constant tensor baked into the model (weights). */
export interface OnnxInitializer {
  name: string;
  dims: readonly number[];
  data: Float32Array;
}

export interface OnnxNode {
  op: string;
  inputs: readonly string[];
  outputs: readonly string[];
  /** Integer attributes (e.g. transB: 1, axis: -1) and float attributes (alpha). */
  ints?: Readonly<Record<string, number>>;
  floats?: Readonly<Record<string, number>>;
}

export interface OnnxGraph {
  nodes: readonly OnnxNode[];
  inputs: readonly OnnxValue[];
  outputs: readonly OnnxValue[];
  initializers?: readonly OnnxInitializer[];
  /** Default opset 17. */
  opset?: number;
}

function valueInfo(v: OnnxValue): ProtoWriter {
  const shape = new ProtoWriter();
  for (const d of v.shape) {
    const dim = new ProtoWriter();
    if (typeof d === "number") dim.int(1, d);
    else dim.string(2, d);
    shape.message(1, dim);
  }
  const tensorType = new ProtoWriter().int(1, FLOAT).message(2, shape);
  const type = new ProtoWriter().message(1, tensorType);
  return new ProtoWriter().string(1, v.name).message(2, type);
}

function tensorProto(t: OnnxInitializer): ProtoWriter {
  const expected = t.dims.reduce((a, b) => a * b, 1);
  if (expected !== t.data.length) {
    throw new RangeError(`onnx initializer ${t.name}: dims ${t.dims.join("x")} need ${expected} floats, got ${t.data.length}`);
  }
  const w = new ProtoWriter();
  for (const d of t.dims) w.int(1, d);
  w.int(2, FLOAT).string(8, t.name);
  // raw_data is little-endian f32, which is what a Float32Array holds on every engine we run on.
  w.raw(9, new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength));
  return w;
}

function nodeProto(n: OnnxNode, index: number): ProtoWriter {
  const w = new ProtoWriter();
  for (const i of n.inputs) w.string(1, i);
  for (const o of n.outputs) w.string(2, o);
  w.string(3, `${n.op}_${index}`).string(4, n.op);
  for (const [name, value] of Object.entries(n.ints ?? {})) {
    w.message(5, new ProtoWriter().string(1, name).int(3, value).int(20, ATTR_INT));
  }
  for (const [name, value] of Object.entries(n.floats ?? {})) {
    w.message(5, new ProtoWriter().string(1, name).float(2, value).int(20, ATTR_FLOAT));
  }
  return w;
}

/** Serialise a graph as an ONNX ModelProto (IR version 8). */
export function onnxModel(g: OnnxGraph): Uint8Array {
  const graph = new ProtoWriter();
  g.nodes.forEach((n, i) => graph.message(1, nodeProto(n, i)));
  graph.string(2, "wasmformer_bench");
  for (const t of g.initializers ?? []) graph.message(5, tensorProto(t));
  for (const v of g.inputs) graph.message(11, valueInfo(v));
  for (const v of g.outputs) graph.message(12, valueInfo(v));
  const opset = new ProtoWriter().string(1, "").int(2, g.opset ?? 17);
  return new ProtoWriter().int(1, 8).string(2, "wasmformer-bench").message(7, graph).message(8, opset).finish();
}
