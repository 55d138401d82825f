// Building tensor maps from a layout: a list of {name, shape, role} in file order.

/** The number of values in a tensor of this shape. */
export function elementCount(shape) {
  return shape.reduce((a, b) => a * b, 1);
}

/** A tensor map in the layout's order, each tensor's data given whole by `data(spec)`. */
export function tensorMap(specs, data) {
  const out = new Map();
  for (const spec of specs) {
    const d = data(spec);
    if (d.length !== elementCount(spec.shape)) throw new Error(`tensorMap: ${spec.name} has ${d.length} values for shape [${spec.shape}]`);
    out.set(spec.name, { shape: [...spec.shape], data: d });
  }
  return out;
}

/**
 * A tensor map in the layout's order, filled value by value: `value(spec)` is called once per element,
 * tensor after tensor in layout order (so a seeded generator gives the same numbers every time).
 */
export function fillTensors(specs, value) {
  return tensorMap(specs, (spec) => Float32Array.from({ length: elementCount(spec.shape) }, () => value(spec)));
}
