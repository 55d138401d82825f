// The `pattern` of Replace / Split components: { "String": literal } or { "Regex": Rust/Oniguruma
// syntax }, compiled to a global JavaScript RegExp (Rust's \s and (?i:…) translated, see
// pretokenize/translate.ts).

import { rustPatternToJs } from "../pretokenize/translate.js";
import type { JsonNode } from "./json.js";

export function compilePattern(node: JsonNode): RegExp {
  const literal = node.get("String");
  if (!literal.isNull) return new RegExp(literal.string().replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&"), "gu");
  const regex = node.get("Regex").string();
  try {
    return new RegExp(rustPatternToJs(regex), "gu");
  } catch (error) {
    return node.unsupported(`cannot translate the regular expression ${JSON.stringify(regex)}: ${(error as Error).message}`);
  }
}

/** [from, to, isMatch] ranges covering the whole text, in order (empty matches are skipped). */
export function matchRanges(regex: RegExp, text: string): [number, number, boolean][] {
  const out: [number, number, boolean][] = [];
  let last = 0;
  regex.lastIndex = 0;
  for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
    if (m[0].length === 0) {
      regex.lastIndex++;
      continue;
    }
    if (m.index > last) out.push([last, m.index, false]);
    out.push([m.index, m.index + m[0].length, true]);
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push([last, text.length, false]);
  return out;
}
