/** mulberry32: a generator of uniform numbers in [-1, 1) from a 32-bit seed. */
export declare function mulberry32(seed: number): () => number;
