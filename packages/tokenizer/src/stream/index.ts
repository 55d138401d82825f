export { Utf8StreamDecoder, decodeUtf8 } from "./utf8-stream.js";
export { createTokenStreamDecoder } from "./token-stream.js";
