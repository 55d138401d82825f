// Builds a SentencePiece precompiled character map (a darts-clone double array over the UTF-8 keys,
// then the NUL-terminated replacements) from rules, for tests — written from darts-clone's unit
// layout (bit 31 leaf value, bit 8 has-leaf, low byte label, XOR offset from bit 10), independently
// of src/sentencepiece/charsmap.ts.

interface TrieNode {
  children: Map<number, TrieNode>;
  value: number | undefined;
}

export function buildCharsmap(rules: readonly [from: string, to: string][]): Uint8Array {
  const encoder = new TextEncoder();
  const root: TrieNode = { children: new Map(), value: undefined };
  const normalized: number[] = [];
  for (const [from, to] of rules) {
    let node = root;
    for (const b of encoder.encode(from)) {
      let next = node.children.get(b);
      if (next === undefined) node.children.set(b, (next = { children: new Map(), value: undefined }));
      node = next;
    }
    node.value = normalized.length;
    normalized.push(...encoder.encode(to), 0);
  }
  const units: number[] = [0];
  const used = new Set<number>([0]);
  // As darts-clone does, no two nodes share a base: a slot is then reachable from one parent only.
  const bases = new Set<number>();
  const queue: [TrieNode, number][] = [[root, 0]];
  while (queue.length > 0) {
    const [node, pos] = queue.shift()!;
    const labels = [...node.children.keys()].sort((a, b) => a - b);
    if (labels.length === 0 && node.value === undefined) continue;
    let base = 1;
    const fits = (q: number) =>
      !bases.has(q) && labels.every((c) => (q ^ c) !== 0 && !used.has(q ^ c)) && (node.value === undefined || (!used.has(q) && q !== 0));
    while (!fits(base)) base++;
    bases.add(base);
    const offset = pos ^ base;
    if (offset >= 1 << 21) throw new Error("test charsmap too large");
    units[pos] = ((units[pos] ?? 0) | (offset << 10)) >>> 0;
    if (node.value !== undefined) {
      units[base] = (0x80000000 | node.value) >>> 0;
      used.add(base);
      units[pos] = (units[pos] | (1 << 8)) >>> 0;
    }
    for (const c of labels) {
      const r = base ^ c;
      used.add(r);
      units[r] = c;
      queue.push([node.children.get(c)!, r]);
    }
  }
  // Pad to whole 256-unit blocks, as darts-clone does: any label XOR a base then stays inside the array.
  const size = (Math.max(units.length - 1, ...bases) | 255) + 1;
  const out = new Uint8Array(4 + 4 * size + normalized.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, 4 * size, true);
  for (let k = 0; k < size; k++) view.setUint32(4 + 4 * k, units[k] ?? 0, true);
  out.set(normalized, 4 + 4 * size);
  return out;
}

/** The reference: longest rule at each position of the UTF-8 bytes, else one character. */
export function applyRulesLongestFirst(text: string, rules: readonly [string, string][]): string {
  const encoder = new TextEncoder();
  const keys = rules.map(([from, to]) => [encoder.encode(from), to] as const);
  const bytes = encoder.encode(text);
  const out: string[] = [];
  for (let b = 0; b < bytes.length; ) {
    let best: readonly [Uint8Array, string] | undefined;
    for (const k of keys)
      if (k[0].length <= bytes.length - b && k[0].every((x, i) => bytes[b + i] === x) && (best === undefined || k[0].length > best[0].length)) best = k;
    if (best !== undefined) {
      out.push(best[1]);
      b += best[0].length;
    } else {
      const n = bytes[b] < 0xc0 ? 1 : bytes[b] < 0xe0 ? 2 : bytes[b] < 0xf0 ? 3 : 4;
      out.push(new TextDecoder().decode(bytes.subarray(b, b + n)));
      b += n;
    }
  }
  return out.join("");
}
