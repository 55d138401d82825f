/** The safetensors dtypes the tests write. */
export type Dtype = "F32" | "F16" | "BF16";

/** One tensor: its shape and its values (row-major; any float array or number array). */
export interface Tensor<D extends ArrayLike<number> = Float32Array> {
  shape: number[];
  data: D;
}

/** Tensors by name; a safetensors file keeps the map's order. */
export type TensorMap<D extends ArrayLike<number> = Float32Array> = Map<string, Tensor<D>>;

export interface SafetensorsOptions {
  /** Default "F32". */
  dtype?: Dtype;
  /** Pad the JSON header with spaces so the data starts 8-byte aligned. Default false. */
  align?: boolean;
}

/** The bytes of a .safetensors file holding `tensors` in map order (u64 header length, JSON header, raw data). */
export declare function safetensorsBytes(
  tensors: ReadonlyMap<string, { readonly shape: readonly number[]; readonly data: ArrayLike<number> }>,
  options?: SafetensorsOptions,
): Uint8Array;
