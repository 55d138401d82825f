export { WHITE_SPACE_CLASS_BODY, isWhiteSpace } from "./whitespace.js";
export { rustPatternToJs } from "./translate.js";
export { RegexPretokenizer } from "./regex-pretokenizer.js";
export { R50K_PATTERN, CL100K_PATTERN, O200K_PATTERN } from "./patterns.js";
