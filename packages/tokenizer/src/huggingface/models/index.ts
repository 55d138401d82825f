import type { JsonNode } from "../json.js";
import { buildBpeModel } from "./bpe.js";
import type { Model } from "./model.js";
import { buildUnigramModel } from "./unigram.js";
import { buildWordPieceModel } from "./wordpiece.js";

export { BpeModel, type BpeOptions } from "./bpe.js";
export { WordPieceModel, type WordPieceOptions } from "./wordpiece.js";
export { UnigramModel } from "./unigram.js";
export type { Model } from "./model.js";

export function buildModel(node: JsonNode): Model {
  const type = node.get("type").isNull ? inferType(node) : node.type;
  switch (type) {
    case "BPE":
      return buildBpeModel(node);
    case "WordPiece":
      return buildWordPieceModel(node);
    case "Unigram":
      return buildUnigramModel(node);
    default:
      return node.get("type").unsupported(`model type ${JSON.stringify(type)} is not supported (BPE, WordPiece, Unigram)`);
  }
}

/** Old files omit model.type: BPE has merges, Unigram a vocab array, WordPiece a vocab object. */
function inferType(node: JsonNode): string {
  if (!node.get("merges").isNull) return "BPE";
  return Array.isArray(node.get("vocab").value) ? "Unigram" : "WordPiece";
}
