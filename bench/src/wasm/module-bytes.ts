// Tiny helpers to hand-assemble WebAssembly binaries (the bench's own probes need a few bytes of
// wasm and no toolchain). Only what the probes use: LEB128, sections, vectors, names.

/** Unsigned LEB128. */
export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n = Math.floor(n / 128);
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

/** Signed LEB128 (i32.const immediates). */
export function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    const done = (n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

/** A length-prefixed UTF-8 name. */
export function name(s: string): number[] {
  const b = [...new TextEncoder().encode(s)];
  return [...uleb(b.length), ...b];
}

/** A vector: count followed by the items' bytes. */
export function vec(items: number[][]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

/** A section: id, byte length, contents. */
export function section(id: number, contents: number[]): number[] {
  return [id, ...uleb(contents.length), ...contents];
}

export const MAGIC_VERSION = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

export const SECTION = { type: 1, function: 3, memory: 5, export: 7, code: 10 } as const;

export const VALTYPE = { i32: 0x7f, f32: 0x7d, v128: 0x7b } as const;

/** A function body: local declarations (groups of [count, type]) and the instruction bytes (ending in `end`). */
export function body(locals: Array<[number, number]>, code: number[]): number[] {
  const contents = [...vec(locals.map(([count, type]) => [...uleb(count), type])), ...code];
  return [...uleb(contents.length), ...contents];
}

/** Assemble a module from its sections. */
export function moduleBytes(...sections: number[][]): Uint8Array<ArrayBuffer> {
  return new Uint8Array([...MAGIC_VERSION, ...sections.flat()]);
}
