// Prints generated tokens the way llama2.c's run.c does, so `run --sampler llama2c` is byte-identical:
// each token's bytes come from the tokenizer's decode after the previous id (run.c's `decode`: the
// leading space dropped after BOS, <0xNN> as a raw byte), then run.c's `safe_printf` skips a piece that
// is one byte which is neither printable nor whitespace (in the C locale).
import type { Tokenizer } from "@wasmformer/tokenizer";

function printableOrSpace(byte: number): boolean {
  return (byte >= 0x20 && byte <= 0x7e) || (byte >= 0x09 && byte <= 0x0d);
}

/** The bytes run.c prints for `next` fed after `previous`. */
export function runcPieceBytes(tokenizer: Tokenizer, previous: number, next: number): Uint8Array {
  const before = tokenizer.decodeBytes([previous]).length;
  const bytes = tokenizer.decodeBytes([previous, next]).subarray(before);
  if (bytes.length === 1 && !printableOrSpace(bytes[0])) return bytes.subarray(0, 0);
  return bytes;
}
