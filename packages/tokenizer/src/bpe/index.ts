export { BpeMerger, NO_MERGE, type MergeRules } from "./merge.js";
export { WordCache, type CachedIds } from "./word-cache.js";
