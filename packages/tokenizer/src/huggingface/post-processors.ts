// Hugging Face post-processors: the special tokens added around an encoded sequence
// (add_special_tokens). Only single sequences are encoded here; offsets-only processors
// (ByteLevel trim_offsets) change no ids.

import type { JsonNode } from "./json.js";

export interface PostProcessor {
  /** Ids before and after the sequence. */
  readonly prefix: readonly number[];
  readonly suffix: readonly number[];
}

const NONE: PostProcessor = { prefix: [], suffix: [] };

export function buildPostProcessor(node: JsonNode): PostProcessor {
  if (node.isNull) return NONE;
  switch (node.type) {
    case "TemplateProcessing":
      return template(node);
    case "BertProcessing":
    case "RobertaProcessing": {
      const cls = node.get("cls").array();
      const sep = node.get("sep").array();
      return { prefix: [cls[1].integer()], suffix: [sep[1].integer()] };
    }
    case "ByteLevel":
      return NONE;
    case "Sequence": {
      const parts = node.get("processors").array().map((p) => buildPostProcessor(p));
      return { prefix: parts.flatMap((p) => p.prefix), suffix: parts.flatMap((p) => p.suffix) };
    }
    default:
      return node.get("type").unsupported(`post-processor type ${JSON.stringify(node.type)} is not supported`);
  }
}

/** TemplateProcessing's `single` template: special pieces before and after `$A`. */
function template(node: JsonNode): PostProcessor {
  const specials = node.get("special_tokens");
  const prefix: number[] = [];
  const suffix: number[] = [];
  let seenSequence = false;
  for (const piece of node.get("single").array()) {
    if (!piece.get("Sequence").isNull) {
      seenSequence = true;
      continue;
    }
    const name = piece.get("SpecialToken").get("id").string();
    const entry = specials.get(name);
    const ids = entry.get("ids").array().map((i) => i.integer());
    (seenSequence ? suffix : prefix).push(...ids);
  }
  return { prefix, suffix };
}
