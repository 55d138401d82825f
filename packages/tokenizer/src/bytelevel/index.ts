export { utf8Binary, utf8UnitLength, binaryToBytes, bytesToBinary, codesToString } from "./utf8.js";
export { BYTE_TO_CHAR, binaryToPiece, pieceToBinary } from "./gpt2-bytes.js";
