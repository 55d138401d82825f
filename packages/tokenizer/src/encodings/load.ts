import { InvalidArgumentError, MissingDataError, TokenizerFileError } from "../errors.js";
import { ByteVocabulary } from "../tiktoken/byte-vocabulary.js";
import { type CompactRanksData, type TiktokenRanks, loadCompactRanks, loadTiktokenRanks } from "../tiktoken/ranks.js";
import { TiktokenTokenizer } from "../tiktoken/tokenizer.js";
import type { TiktokenEncodingSpec } from "./spec.js";

/**
 * Where rank data comes from (nothing third-party ships in this package):
 * - the bytes (`Uint8Array` / `ArrayBuffer`) or text (`string`) of a `.tiktoken` file
 *   (e.g. https://openaipublic.blob.core.windows.net/encodings/cl100k_base.tiktoken);
 * - the compact object that `js-tiktoken/ranks/<name>` default-exports (also `tiktoken/encoders/<name>.json`):
 *   `import ranks from "js-tiktoken/ranks/cl100k_base"` — lets a bundler carry exactly one vocabulary;
 * - already loaded `TiktokenRanks` (to share one vocabulary between tokenizers);
 * - async loaders only: a `URL` (fetched; `file:` URLs are read with node:fs), or nothing, in which case
 *   the optional packages `js-tiktoken` or `tiktoken` are imported if installed.
 */
export type RankSource = Uint8Array | ArrayBuffer | string | CompactRanksData | TiktokenRanks;

/** RankSource plus what needs I/O. */
export type AsyncRankSource = RankSource | URL;

/** Builds a ready encoding from rank data already in memory. */
export function createEncoding(spec: TiktokenEncodingSpec, source: RankSource): TiktokenTokenizer {
  const ranks = toRanks(spec, source);
  const tokenizer = new TiktokenTokenizer({
    name: spec.name,
    ranks,
    pattern: spec.pattern,
    specialTokens: spec.specialTokens,
  });
  if (tokenizer.vocabSize !== spec.vocabSize)
    throw new TokenizerFileError(
      `the rank data gives ${tokenizer.vocabSize} ids with the special tokens, ${spec.name} has ${spec.vocabSize} (wrong file?)`,
      { file: `${spec.name} ranks` },
    );
  return tokenizer;
}

const loadedRanks = new Map<string, Promise<TiktokenRanks>>();

/**
 * Builds a ready encoding, fetching or importing its rank data when needed. Without a source the rank
 * data of the installed `js-tiktoken` (preferred) or `tiktoken` package is used and kept for later calls.
 */
export async function loadEncoding(spec: TiktokenEncodingSpec, source?: AsyncRankSource): Promise<TiktokenTokenizer> {
  if (source instanceof URL) return createEncoding(spec, await readUrl(source));
  if (source !== undefined) return createEncoding(spec, source);
  let ranks = loadedRanks.get(spec.dataName);
  if (ranks === undefined) {
    ranks = importInstalledRanks(spec);
    loadedRanks.set(spec.dataName, ranks);
    ranks.catch(() => loadedRanks.delete(spec.dataName));
  }
  return createEncoding(spec, await ranks);
}

function toRanks(spec: TiktokenEncodingSpec, source: RankSource): TiktokenRanks {
  const file = `${spec.name} ranks`;
  if (typeof source === "string") {
    if (!source.includes(" ") && source.length < 4096)
      throw new InvalidArgumentError(
        "source",
        `a string source is the text of a .tiktoken file; ${JSON.stringify(source)} looks like a path or URL (pass new URL(...) to an async loader, or the file's bytes)`,
      );
    return loadTiktokenRanks(source, file);
  }
  if (source instanceof Uint8Array || source instanceof ArrayBuffer) return loadTiktokenRanks(source, file);
  if (typeof source === "object" && source !== null) {
    if (source instanceof ByteVocabulary) return source;
    if ("bpe_ranks" in source) return loadCompactRanks(source, file);
    if ("ranks" in source && "tokens" in source && source.ranks instanceof Map) return source;
  }
  throw new InvalidArgumentError(
    "source",
    "expected .tiktoken bytes or text, js-tiktoken's compact ranks ({ bpe_ranks }), or loaded TiktokenRanks",
  );
}

interface NodeFs {
  readFile(path: URL): Promise<Uint8Array>;
}

async function readUrl(url: URL): Promise<Uint8Array> {
  if (url.protocol === "file:") {
    const fsName = "node:fs/promises";
    const fs = (await import(/* @vite-ignore */ fsName)) as NodeFs;
    return await fs.readFile(url);
  }
  const response = await fetch(url);
  if (!response.ok) throw new MissingDataError(`fetching ${url.href} failed: HTTP ${response.status} ${response.statusText}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** Imports the compact ranks shipped by js-tiktoken or tiktoken, whichever is installed. */
async function importInstalledRanks(spec: TiktokenEncodingSpec): Promise<TiktokenRanks> {
  const candidates = [`js-tiktoken/ranks/${spec.dataName}`, `tiktoken/encoders/${spec.dataName}`];
  const failures: string[] = [];
  for (const specifier of candidates) {
    let data: unknown;
    try {
      const module = (await import(/* @vite-ignore */ specifier)) as { default?: unknown };
      data = module.default ?? module;
    } catch (error) {
      failures.push(`${specifier}: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
      continue;
    }
    return loadCompactRanks(data as CompactRanksData, specifier);
  }
  throw new MissingDataError(
    `no rank data for ${spec.name}: install the optional package js-tiktoken (or tiktoken), or pass the data, e.g. ` +
      `load(await import("js-tiktoken/ranks/${spec.dataName}").then((m) => m.default)) or the bytes of ${spec.name}.tiktoken. ` +
      `Tried: ${failures.join("; ")}`,
  );
}
