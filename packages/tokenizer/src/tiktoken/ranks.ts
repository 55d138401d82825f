import { InvalidArgumentError, TokenizerFileError } from "../errors.js";

/**
 * A byte-level BPE vocabulary in tiktoken's form: every token is a byte string and its rank is both
 * its id and its merge priority. Token bytes are held as binary strings (one char per byte).
 */
export interface TiktokenRanks {
  /** rank → token bytes as a binary string; `undefined` for unassigned ranks. */
  readonly tokens: readonly (string | undefined)[];
  /** token bytes (binary string) → rank. */
  readonly ranks: ReadonlyMap<string, number>;
}

/**
 * The compact rank data that `js-tiktoken/ranks/<name>` and `tiktoken/encoders/<name>.json` ship:
 * `bpe_ranks` holds lines "<tag> <first rank> <base64 token> <base64 token> …" with consecutive ranks.
 */
export interface CompactRanksData {
  bpe_ranks: string;
  pat_str?: string;
  special_tokens?: Record<string, number>;
}

// Ranks above this are refused: they would make the id → token table huge for a hostile file.
const MAX_RANK = 0x3fffffff;

/** Reads a `.tiktoken` file (lines "<base64 token> <rank>"). `file` names it in error messages. */
export function loadTiktokenRanks(data: Uint8Array | ArrayBuffer | string, file = "tiktoken ranks"): TiktokenRanks {
  const text = typeof data === "string" ? data : new TextDecoder("utf-8", { ignoreBOM: true }).decode(data);
  const builder = new RanksBuilder(file);
  let lineNo = 0;
  let from = 0;
  while (from < text.length) {
    let to = text.indexOf("\n", from);
    if (to < 0) to = text.length;
    lineNo++;
    let line = text.slice(from, to);
    from = to + 1;
    if (line.endsWith("\r")) line = line.slice(0, -1);
    if (line.length === 0) continue;
    const space = line.indexOf(" ");
    if (space <= 0 || line.indexOf(" ", space + 1) >= 0)
      throw new TokenizerFileError(`expected "<base64 token> <rank>", got ${JSON.stringify(clip(line))}`, { file, line: lineNo });
    builder.add(line.slice(0, space), parseRank(line.slice(space + 1), file, lineNo), lineNo);
  }
  return builder.finish();
}

/** Reads the compact rank data of js-tiktoken / the tiktoken npm package (see CompactRanksData). */
export function loadCompactRanks(data: CompactRanksData, file = "compact ranks"): TiktokenRanks {
  if (typeof data !== "object" || data === null || typeof data.bpe_ranks !== "string")
    throw new InvalidArgumentError("ranks", `${file}: expected an object with a string field bpe_ranks`);
  const text = data.bpe_ranks;
  const builder = new RanksBuilder(file);
  let lineNo = 0;
  let from = 0;
  while (from < text.length) {
    let to = text.indexOf("\n", from);
    if (to < 0) to = text.length;
    lineNo++;
    const line = text.slice(from, to);
    from = to + 1;
    if (line.length === 0) continue;
    const fields = line.split(" ");
    if (fields.length < 2)
      throw new TokenizerFileError(`expected "<tag> <first rank> <tokens…>", got ${JSON.stringify(clip(line))}`, {
        file,
        line: lineNo,
        field: "bpe_ranks",
      });
    const first = parseRank(fields[1], file, lineNo);
    for (let k = 2; k < fields.length; k++) builder.add(fields[k], first + k - 2, lineNo);
  }
  return builder.finish();
}

/** Ranks from a plain list of token byte strings, where the index is the rank (e.g. after training). */
export function ranksFromTokens(tokens: readonly (Uint8Array | string | undefined)[], file = "tokens"): TiktokenRanks {
  const builder = new RanksBuilder(file);
  tokens.forEach((t, rank) => {
    if (t === undefined) return;
    builder.addBinary(typeof t === "string" ? t : bytesToBinaryString(t), rank, 0);
  });
  return builder.finish();
}

function bytesToBinaryString(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
  return s;
}

function parseRank(text: string, file: string, line: number): number {
  const rank = Number(text);
  if (!/^[0-9]+$/.test(text) || !(rank <= MAX_RANK))
    throw new TokenizerFileError(`expected a rank (an integer in [0, ${MAX_RANK}]), got ${JSON.stringify(clip(text))}`, {
      file,
      line,
      field: "rank",
    });
  return rank;
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 60)}…` : s;
}

class RanksBuilder {
  readonly #file: string;
  readonly #tokens: (string | undefined)[] = [];
  readonly #ranks = new Map<string, number>();

  constructor(file: string) {
    this.#file = file;
  }

  add(base64: string, rank: number, line: number): void {
    let binary: string;
    try {
      binary = atob(base64);
    } catch {
      throw new TokenizerFileError(`token is not valid base64: ${JSON.stringify(clip(base64))}`, {
        file: this.#file,
        line,
        field: "token",
      });
    }
    this.addBinary(binary, rank, line);
  }

  addBinary(binary: string, rank: number, line: number): void {
    const where = { file: this.#file, ...(line > 0 ? { line } : {}) };
    if (binary.length === 0) throw new TokenizerFileError(`rank ${rank} has an empty token`, { ...where, field: "token" });
    if (this.#tokens[rank] !== undefined)
      throw new TokenizerFileError(`rank ${rank} is assigned twice`, { ...where, field: "rank" });
    const previous = this.#ranks.get(binary);
    if (previous !== undefined)
      throw new TokenizerFileError(`the same token bytes have ranks ${previous} and ${rank}`, { ...where, field: "token" });
    // A hostile rank far beyond the number of tokens would allocate a huge sparse table.
    if (rank > 2 * this.#ranks.size + 65_536)
      throw new TokenizerFileError(`rank ${rank} is far beyond the ${this.#ranks.size} tokens read so far (ranks must be dense)`, {
        ...where,
        field: "rank",
      });
    while (this.#tokens.length < rank) this.#tokens.push(undefined);
    this.#tokens[rank] = binary;
    this.#ranks.set(binary, rank);
  }

  finish(): TiktokenRanks {
    if (this.#ranks.size === 0) throw new TokenizerFileError("no tokens", { file: this.#file });
    return { tokens: this.#tokens, ranks: this.#ranks };
  }
}
