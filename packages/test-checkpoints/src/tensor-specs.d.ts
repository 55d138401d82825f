import type { TensorMap } from "./safetensors.js";

/**
 * What a tensor is for, so that writers can choose how to fill it: the token embedding, learned
 * positions, a weight matrix (a linear or Conv1D layer, or an untied classifier), a norm's gain, a bias.
 */
export type TensorRole = "embedding" | "positions" | "weight" | "norm" | "bias";

export interface TensorSpec {
  name: string;
  shape: number[];
  role: TensorRole;
}

/** The number of values in a tensor of this shape. */
export declare function elementCount(shape: readonly number[]): number;
/** A tensor map in the layout's order, each tensor's data given whole by `data(spec)` (its length is checked). */
export declare function tensorMap(specs: readonly TensorSpec[], data: (spec: TensorSpec) => Float32Array): TensorMap;
/** A tensor map in the layout's order, `value(spec)` called once per element, tensor after tensor. */
export declare function fillTensors(specs: readonly TensorSpec[], value: (spec: TensorSpec) => number): TensorMap;
