// SentencePiece's precompiled character map (normalizer_spec.precompiled_charsmap, e.g. "nmt_nfkc"):
//
//   uint32 trie_size (bytes, little-endian) | trie: trie_size/4 darts-clone double-array units |
//   normalized strings, each NUL-terminated
//
// A rule maps a byte string to the normalized string at the offset its trie leaf holds. The C++
// normalizer applies, at each position, the LONGEST rule that matches there, else copies one UTF-8
// character (an invalid byte becomes U+FFFD).

import { TokenizerFileError } from "../errors.js";

const utf8 = new TextDecoder("utf-8", { ignoreBOM: true });

export class PrecompiledCharsmap {
  readonly #units: Uint32Array;
  readonly #normalized: Uint8Array;
  readonly #cache = new Map<number, string>();
  /** Bytes some rule starts with (others never match: no trie walk needed). */
  readonly #starts = new Uint8Array(256);

  /** `blob`: the field's bytes; `file` names the file in errors. */
  constructor(blob: Uint8Array, file: string) {
    const fail = (problem: string, offset: number): never => {
      throw new TokenizerFileError(problem, { file, offset, field: "normalizer_spec.precompiled_charsmap" });
    };
    if (blob.length < 4) fail(`the character map is ${blob.length} bytes, too short for its 4-byte trie size`, 0);
    const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
    const trieSize = view.getUint32(0, true);
    if (trieSize % 4 !== 0 || trieSize > blob.length - 4 || trieSize === 0)
      fail(`trie size ${trieSize} is not a positive multiple of 4 within the ${blob.length - 4} bytes that follow`, 0);
    this.#units = new Uint32Array(trieSize / 4);
    for (let k = 0; k < this.#units.length; k++) this.#units[k] = view.getUint32(4 + 4 * k, true);
    this.#normalized = blob.subarray(4 + trieSize);
    const root = offsetOf(this.#units[0]);
    for (let c = 1; c < 256; c++) {
      const node = root ^ c;
      this.#starts[c] = node < this.#units.length && (this.#units[node] & 0x800000ff) >>> 0 === c ? 1 : 0;
    }
  }

  /** False when no rule starts with this byte. */
  startsRule(byte: number): boolean {
    return this.#starts[byte] === 1;
  }

  /** The longest rule matching bytes[from…): [matched length, normalized text], or null. */
  longestMatch(bytes: Uint8Array, from: number): [number, string] | null {
    return this.#search(bytes, from, false);
  }

  /** The shortest rule matching bytes[from…) (Hugging Face's Precompiled normalizer uses it). */
  shortestMatch(bytes: Uint8Array, from: number): [number, string] | null {
    return this.#search(bytes, from, true);
  }

  /**
   * darts-clone's commonPrefixSearch, keeping the first or the last result: [matched length,
   * normalized text], or null.
   * (darts-clone commonPrefixSearch; unit: bit 31 leaf, bit 8 has-leaf, low byte label, offset above.)
   */
  #search(bytes: Uint8Array, from: number, shortest: boolean): [number, string] | null {
    const units = this.#units;
    let node = 0;
    let unit = units[0];
    node ^= offsetOf(unit);
    let best: [number, number] | null = null;
    for (let i = from; i < bytes.length; i++) {
      const c = bytes[i];
      if (c === 0) break;
      node ^= c;
      if (node >= units.length) break;
      unit = units[node];
      if ((unit & 0x800000ff) >>> 0 !== c) break;
      node ^= offsetOf(unit);
      if (((unit >>> 8) & 1) === 1) {
        if (node >= units.length) break;
        best = [i + 1 - from, units[node] & 0x7fffffff];
        if (shortest) break;
      }
    }
    return best === null ? null : [best[0], this.#text(best[1])];
  }

  #text(offset: number): string {
    let text = this.#cache.get(offset);
    if (text === undefined) {
      let end = offset;
      while (end < this.#normalized.length && this.#normalized[end] !== 0) end++;
      text = utf8.decode(this.#normalized.subarray(Math.min(offset, end), end));
      this.#cache.set(offset, text);
    }
    return text;
  }
}

function offsetOf(unit: number): number {
  return (unit >>> 10) << ((unit & (1 << 9)) >>> 6);
}
