// Typed access to the parsed tokenizer.json, so a missing or mistyped field fails with a
// TokenizerFileError that names the file and the field path ("pre_tokenizer.pretokenizers[1].pattern").

import { TokenizerFileError } from "../errors.js";
import { UnsupportedFormatError } from "../formats/unsupported.js";

/** Largest token id accepted (2^24 - 1; real vocabularies stay below 300 000). */
export const MAX_TOKEN_ID = 0xffffff;

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A JSON value with its path, for error messages. */
export class JsonNode {
  constructor(
    readonly value: Json | undefined,
    readonly path: string,
    readonly file: string,
  ) {}

  fail(problem: string): never {
    throw new TokenizerFileError(problem, { file: this.file, field: this.path === "" ? undefined : this.path });
  }

  unsupported(problem: string): never {
    throw new UnsupportedFormatError(problem, { file: this.file, field: this.path });
  }

  get(key: string): JsonNode {
    const v = this.value;
    if (typeof v !== "object" || v === null || Array.isArray(v)) this.fail(`expected an object, found ${describe(v)}`);
    return new JsonNode(Object.prototype.hasOwnProperty.call(v, key) ? v[key] : undefined, this.path === "" ? key : `${this.path}.${key}`, this.file);
  }

  /** True when the value is missing or null. */
  get isNull(): boolean {
    return this.value === undefined || this.value === null;
  }

  string(fallback?: string): string {
    if (this.isNull && fallback !== undefined) return fallback;
    if (typeof this.value !== "string") this.fail(`expected a string, found ${describe(this.value)}`);
    return this.value;
  }

  optionalString(): string | undefined {
    return this.isNull ? undefined : this.string();
  }

  number(fallback?: number): number {
    if (this.isNull && fallback !== undefined) return fallback;
    if (typeof this.value !== "number" || !Number.isFinite(this.value)) this.fail(`expected a number, found ${describe(this.value)}`);
    return this.value;
  }

  integer(fallback?: number): number {
    const n = this.number(fallback);
    if (!Number.isInteger(n) || n < 0 || n > 0x7fffffff) this.fail(`expected a non-negative integer, found ${n}`);
    return n;
  }

  boolean(fallback?: boolean): boolean {
    if (this.isNull && fallback !== undefined) return fallback;
    if (typeof this.value !== "boolean") this.fail(`expected true or false, found ${describe(this.value)}`);
    return this.value;
  }

  array(): JsonNode[] {
    if (!Array.isArray(this.value)) this.fail(`expected an array, found ${describe(this.value)}`);
    return this.value.map((v, i) => new JsonNode(v, `${this.path}[${i}]`, this.file));
  }

  /** A token id: an integer below MAX_TOKEN_ID (ids index dense tables; a huge one means a corrupt file). */
  tokenId(): number {
    const n = this.integer();
    if (n > MAX_TOKEN_ID) this.fail(`token id ${n} is beyond the supported ${MAX_TOKEN_ID} (corrupt file?)`);
    return n;
  }

  /** An object's entries. */
  entries(): [string, JsonNode][] {
    const v = this.value;
    if (typeof v !== "object" || v === null || Array.isArray(v)) this.fail(`expected an object, found ${describe(v)}`);
    return Object.keys(v).map((k) => [k, new JsonNode(v[k], `${this.path}.${k}`, this.file)]);
  }

  /** The component's "type" field. */
  get type(): string {
    return this.get("type").string();
  }
}

function describe(v: Json | undefined): string {
  if (v === undefined) return "nothing (the field is missing)";
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (typeof v === "string") return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  return typeof v === "object" ? "an object" : `${typeof v} ${String(v)}`;
}
