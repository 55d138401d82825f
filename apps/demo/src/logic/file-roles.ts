// Which dropped file is the checkpoint and which is the tokenizer. llama2.c's two formats are both
// ".bin", so the content decides: a checkpoint starts with 7 positive int32 dims whose product of
// sizes fits the file; a tokenizer.bin starts with a small max_token_length, a float score (0 or a
// normal float) and a piece length no longer than the maximum.

export type FileRole = "checkpoint" | "tokenizer" | "unknown";

/** `head` = the first 28 bytes (or fewer) of the file; `size` = the file's length in bytes. */
export function llama2cRole(name: string, head: Uint8Array, size: number): FileRole {
  const lower = name.toLowerCase();
  if (lower.endsWith(".model") || lower.endsWith(".json")) return "tokenizer";
  if (!lower.endsWith(".bin") || head.length < 12) return "unknown";
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  if (head.length >= 28) {
    const dims = Array.from({ length: 7 }, (_, i) => view.getInt32(i * 4, true));
    const [dim, hidden, layers, heads, kvHeads, vocab, seqLen] = dims as [number, number, number, number, number, number, number];
    const plausible =
      dim > 0 && hidden > 0 && layers > 0 && heads > 0 && kvHeads > 0 && seqLen > 0 && vocab !== 0 && dim % heads === 0 && heads % kvHeads === 0;
    // At least the token embedding and one layer's attention must fit in the file.
    if (plausible && 28 + 4 * (Math.abs(vocab) * dim + layers * dim * dim) <= size) return "checkpoint";
  }
  const maxTokenLength = view.getInt32(0, true);
  // A real score is 0 or a normal float; a checkpoint's small hidden_dim read as a float is subnormal.
  const score = view.getFloat32(4, true);
  const normalScore = score === 0 || (Number.isFinite(score) && Math.abs(score) >= 1.1754944e-38);
  const firstLength = view.getInt32(8, true);
  if (maxTokenLength > 0 && maxTokenLength <= 1024 && normalScore && firstLength >= 0 && firstLength <= maxTokenLength) return "tokenizer";
  return "unknown";
}

/** Which files of a Hugging Face model folder the page needs (indices into the names given). */
export interface HuggingFaceFolder {
  config?: number;
  safetensors?: number;
  tokenizer?: number;
  /** What is missing or unusable, for the status line (empty when all three were found). */
  problems: string[];
}

/** Tokenizer file names in order of preference (tokenizer.json is what HF folders carry). */
const TOKENIZER_PREFERENCE: ((name: string) => boolean)[] = [
  (n) => n === "tokenizer.json",
  (n) => n === "tokenizer.model",
  (n) => n.endsWith(".model"),
  (n) => n === "tokenizer.bin" || n === "vocab.txt",
  (n) => n.endsWith(".bin") || n.endsWith(".tiktoken"),
];

/**
 * Picks config.json, the one *.safetensors file and the tokenizer out of a folder's files (other files
 * such as generation_config.json are ignored). `names` may be paths ("gpt2/config.json").
 */
export function huggingFaceFolder(names: readonly string[]): HuggingFaceFolder {
  const base = names.map((n) => (n.split("/").pop() ?? n).toLowerCase());
  const out: HuggingFaceFolder = { problems: [] };
  const config = base.indexOf("config.json");
  if (config >= 0) out.config = config;
  else out.problems.push("no config.json");
  const shards = base.flatMap((n, i) => (n.endsWith(".safetensors") ? [i] : []));
  const single = shards.find((i) => base[i] === "model.safetensors") ?? (shards.length === 1 ? shards[0] : undefined);
  if (single !== undefined) out.safetensors = single;
  else if (shards.length > 1) out.problems.push(`${shards.length} .safetensors files (sharded checkpoints are not supported; one model.safetensors is)`);
  else out.problems.push("no model.safetensors");
  for (const test of TOKENIZER_PREFERENCE) {
    const i = base.findIndex(test);
    if (i >= 0) {
      out.tokenizer = i;
      break;
    }
  }
  if (out.tokenizer === undefined) out.problems.push("no tokenizer (tokenizer.json, tokenizer.model or tokenizer.bin)");
  return out;
}
