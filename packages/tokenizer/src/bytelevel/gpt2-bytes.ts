// GPT-2's byte ↔ printable-character table (`bytes_to_unicode` in openai/gpt-2 encoder.py), used by
// every byte-level BPE vocabulary in Hugging Face format (GPT-2, Llama 3, Qwen, GPT-4o files):
// bytes that are printable Latin-1 map to themselves; the other 68 bytes map, in order, to U+0100…
// So a space is "Ġ" (U+0120) and a newline "Ċ" (U+010A).

function buildByteToChar(): string[] {
  const table: string[] = new Array<string>(256);
  let extra = 0;
  for (let b = 0; b < 256; b++) {
    const printable = (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
    table[b] = String.fromCharCode(printable ? b : 256 + extra++);
  }
  return table;
}

/** byte → its printable character. */
export const BYTE_TO_CHAR: readonly string[] = buildByteToChar();

const CHAR_TO_BYTE = new Map<number, number>(BYTE_TO_CHAR.map((ch, b) => [ch.charCodeAt(0), b]));

/** Binary string (one char per byte) → printable byte-level piece, e.g. " world" → "Ġworld". */
export function binaryToPiece(binary: string): string {
  let s = "";
  for (let i = 0; i < binary.length; i++) s += BYTE_TO_CHAR[binary.charCodeAt(i)];
  return s;
}

/** Printable byte-level piece → binary string, or undefined if a character is not in the table. */
export function pieceToBinary(piece: string): string | undefined {
  let s = "";
  for (let i = 0; i < piece.length; i++) {
    const b = CHAR_TO_BYTE.get(piece.charCodeAt(i));
    if (b === undefined) return undefined;
    s += String.fromCharCode(b);
  }
  return s;
}
