// Hugging Face decoders, one class per "type", with the library's decode_chain semantics: a list of
// token strings in, a list of strings out; the tokenizer joins the final list.

import { BYTE_TO_CHAR } from "../bytelevel/gpt2-bytes.js";
import { decodeUtf8 } from "../stream/utf8-stream.js";
import type { JsonNode } from "./json.js";
import { compilePattern } from "./pattern.js";
import { type PrependScheme, prependScheme } from "./pre-tokenizers.js";

export interface Decoder {
  decodeChain(tokens: string[]): string[];
}

const CHAR_TO_BYTE = new Map<string, number>(BYTE_TO_CHAR.map((ch, b) => [ch, b]));

/**
 * GPT-2 printable chars → bytes. As Hugging Face does, a token with a character outside that
 * alphabet (an added token such as "<|im start|>" with a space) contributes its own UTF-8 instead.
 */
export function byteLevelBytes(tokens: readonly string[]): Uint8Array {
  const out: number[] = [];
  for (const token of tokens) {
    const mapped: number[] = [];
    for (let i = 0; i < token.length; i++) {
      const b = CHAR_TO_BYTE.get(token[i]);
      if (b === undefined) break;
      mapped.push(b);
    }
    if (mapped.length === token.length) for (const b of mapped) out.push(b);
    else for (const b of ENCODER.encode(token)) out.push(b);
  }
  return Uint8Array.from(out);
}
const ENCODER = new TextEncoder();

export class ByteLevelDecoder implements Decoder {
  decodeChain(tokens: string[]): string[] {
    return [decodeUtf8(byteLevelBytes(tokens))];
  }
}

export class ReplaceDecoder implements Decoder {
  constructor(
    readonly pattern: RegExp,
    readonly content: string,
  ) {}
  decodeChain(tokens: string[]): string[] {
    return tokens.map((t) => t.replace(this.pattern, () => this.content));
  }
}

/** Runs of "<0xNN>" tokens become their UTF-8 text (U+FFFD per byte when invalid). */
export class ByteFallbackDecoder implements Decoder {
  decodeChain(tokens: string[]): string[] {
    const out: string[] = [];
    let bytes: number[] = [];
    const flush = (): void => {
      if (bytes.length === 0) return;
      try {
        out.push(STRICT_UTF8.decode(Uint8Array.from(bytes)));
      } catch {
        for (let k = 0; k < bytes.length; k++) out.push("\ufffd");
      }
      bytes = [];
    };
    for (const t of tokens) {
      const m = t.length === 6 ? /^<0x([0-9A-Fa-f]{2})>$/.exec(t) : null;
      if (m !== null) bytes.push(parseInt(m[1], 16));
      else {
        flush();
        out.push(t);
      }
    }
    flush();
    return out;
  }
}
const STRICT_UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

export class FuseDecoder implements Decoder {
  decodeChain(tokens: string[]): string[] {
    return [tokens.join("")];
  }
}

/** Removes up to `start` leading and `stop` trailing `content` characters from every token. */
export class StripDecoder implements Decoder {
  constructor(
    readonly content: string,
    readonly start: number,
    readonly stop: number,
  ) {}
  decodeChain(tokens: string[]): string[] {
    return tokens.map((token) => {
      const chars = Array.from(token);
      let from = 0;
      let to = chars.length;
      while (from < this.start && from < to && chars[from] === this.content) from++;
      while (chars.length - to < this.stop && to > from && chars[to - 1] === this.content) to--;
      return chars.slice(from, to).join("");
    });
  }
}

export class MetaspaceDecoder implements Decoder {
  constructor(
    readonly replacement: string,
    readonly prependScheme: PrependScheme,
  ) {}
  decodeChain(tokens: string[]): string[] {
    // As Hugging Face: in the first token every replacement character is dropped, not only a leading one.
    return tokens.map((token, i) => token.replaceAll(this.replacement, i === 0 && this.prependScheme !== "never" ? "" : " "));
  }
}

export class WordPieceDecoder implements Decoder {
  constructor(
    readonly prefix: string,
    readonly cleanup: boolean,
  ) {}
  decodeChain(tokens: string[]): string[] {
    return tokens.map((token, i) => {
      let t = token;
      if (i !== 0) t = t.startsWith(this.prefix) ? t.slice(this.prefix.length) : ` ${t}`;
      return this.cleanup ? cleanupSpaces(t) : t;
    });
  }
}

/** Hugging Face's clean_up_tokenization: no space before punctuation and contractions. */
export function cleanupSpaces(s: string): string {
  return s
    .replaceAll(" .", ".")
    .replaceAll(" ?", "?")
    .replaceAll(" !", "!")
    .replaceAll(" ,", ",")
    .replaceAll(" ' ", "'")
    .replaceAll(" n't", "n't")
    .replaceAll(" 'm", "'m")
    .replaceAll(" do not", " don't")
    .replaceAll(" 's", "'s")
    .replaceAll(" 've", "'ve")
    .replaceAll(" 're", "'re");
}

/** BPE with an end-of-word suffix ("</w>"): the suffix becomes a space (none after the last token). */
export class BpeSuffixDecoder implements Decoder {
  constructor(readonly suffix: string) {}
  decodeChain(tokens: string[]): string[] {
    return tokens.map((t, i) => t.replaceAll(this.suffix, i === tokens.length - 1 ? "" : " "));
  }
}

export class SequenceDecoder implements Decoder {
  constructor(readonly decoders: readonly Decoder[]) {}
  decodeChain(tokens: string[]): string[] {
    for (const d of this.decoders) tokens = d.decodeChain(tokens);
    return tokens;
  }
}

export function buildDecoder(node: JsonNode): Decoder | null {
  if (node.isNull) return null;
  switch (node.type) {
    case "ByteLevel":
      return new ByteLevelDecoder();
    case "Replace":
      return new ReplaceDecoder(compilePattern(node.get("pattern")), node.get("content").string());
    case "ByteFallback":
      return new ByteFallbackDecoder();
    case "Fuse":
      return new FuseDecoder();
    case "Strip":
      return new StripDecoder(node.get("content").string(), node.get("start").integer(0), node.get("stop").integer(0));
    case "Metaspace":
      return new MetaspaceDecoder(node.get("replacement").string("\u2581"), prependScheme(node));
    case "WordPiece":
      return new WordPieceDecoder(node.get("prefix").string("##"), node.get("cleanup").boolean(true));
    case "BPEDecoder":
      return new BpeSuffixDecoder(node.get("suffix").string("</w>"));
    case "Sequence":
      return new SequenceDecoder(node.get("decoders").array().map((d) => buildDecoder(d)).filter((d) => d !== null));
    default:
      return node.get("type").unsupported(`decoder type ${JSON.stringify(node.type)} is not supported`);
  }
}
