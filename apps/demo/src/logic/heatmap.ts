// Attention heatmaps: slicing the [layers, heads, T, T] weights the worker sends, averaging heads,
// mapping weights to colours and canvas pixels, and finding the cell under the pointer.

export interface AttentionData {
  layers: number;
  heads: number;
  T: number;
  /** [layers, heads, T, T]; row = query position, column = key position. */
  weights: Float32Array;
}

export function checkAttentionData(a: AttentionData): void {
  const expected = a.layers * a.heads * a.T * a.T;
  if (a.weights.length !== expected)
    throw new RangeError(`attention weights: expected ${a.layers}×${a.heads}×${a.T}×${a.T} = ${expected} values, got ${a.weights.length}`);
}

/** The T×T map of one head (a view, not a copy). */
export function headMatrix(a: AttentionData, layer: number, head: number): Float32Array {
  if (layer < 0 || layer >= a.layers) throw new RangeError(`layer ${layer} outside 0..${a.layers - 1}`);
  if (head < 0 || head >= a.heads) throw new RangeError(`head ${head} outside 0..${a.heads - 1}`);
  const size = a.T * a.T;
  const offset = (layer * a.heads + head) * size;
  return a.weights.subarray(offset, offset + size);
}

/** The mean over heads of one layer. */
export function averageHeads(a: AttentionData, layer: number): Float32Array {
  const out = new Float32Array(a.T * a.T);
  for (let h = 0; h < a.heads; h++) {
    const m = headMatrix(a, layer, h);
    for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) + (m[i] as number);
  }
  for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) / a.heads;
  return out;
}

/** Largest |weight| strictly above the diagonal (a causal model gives exactly 0). */
export function upperTriangleMax(matrix: Float32Array, T: number): number {
  let max = 0;
  for (let r = 0; r < T; r++) for (let c = r + 1; c < T; c++) max = Math.max(max, Math.abs(matrix[r * T + c] as number));
  return max;
}

/** Largest |Σ_row − 1| (each query's weights form a distribution). */
export function rowSumError(matrix: Float32Array, T: number): number {
  let worst = 0;
  for (let r = 0; r < T; r++) {
    let s = 0;
    for (let c = 0; c < T; c++) s += matrix[r * T + c] as number;
    worst = Math.max(worst, Math.abs(s - 1));
  }
  return worst;
}

/**
 * Weight in [0, 1] → RGB: white at 0 through orange to a deep red-brown at 1. A square-root curve
 * keeps small weights visible (attention rows sum to 1, so most cells are small).
 */
export function weightColor(w: number): [number, number, number] {
  const t = Math.sqrt(Math.min(1, Math.max(0, Number.isFinite(w) ? w : 0)));
  const stops: [number, number, number][] = [
    [255, 255, 255],
    [253, 174, 97],
    [215, 48, 39],
    [103, 0, 13],
  ];
  const x = t * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  const a = stops[i] as [number, number, number];
  const b = stops[i + 1] as [number, number, number];
  return [Math.round(a[0] + (b[0] - a[0]) * f), Math.round(a[1] + (b[1] - a[1]) * f), Math.round(a[2] + (b[2] - a[2]) * f)];
}

/** RGBA pixels, one per cell (draw with putImageData, scale with CSS `image-rendering: pixelated`). */
export function heatmapPixels(matrix: Float32Array, T: number): Uint8ClampedArray<ArrayBuffer> {
  const px = new Uint8ClampedArray(T * T * 4);
  for (let i = 0; i < T * T; i++) {
    const [r, g, b] = weightColor(matrix[i] as number);
    px[i * 4] = r;
    px[i * 4 + 1] = g;
    px[i * 4 + 2] = b;
    px[i * 4 + 3] = 255;
  }
  return px;
}

/** The (query row, key column) under a pointer at (x, y) CSS pixels on a square canvas of `size` CSS pixels. */
export function cellAt(x: number, y: number, size: number, T: number): { row: number; col: number } | undefined {
  if (size <= 0 || T <= 0 || x < 0 || y < 0 || x >= size || y >= size) return undefined;
  return { row: Math.min(T - 1, Math.floor((y / size) * T)), col: Math.min(T - 1, Math.floor((x / size) * T)) };
}
