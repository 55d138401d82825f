// Human output of an encoding: the text with each token on its own background (colour terminals),
// then the pieces as a JSON-style list with their ids under them.
import type { TokenSpan } from "@wasmformer/tokenizer";
import type { Style } from "../terminal.js";

/** Makes control characters visible so a piece never breaks the layout. */
export function visible(s: string): string {
  return s.replace(/[\x00-\x1f\x7f]/g, (c) => {
    if (c === "\n") return "\\n";
    if (c === "\t") return "\\t";
    if (c === "\r") return "\\r";
    return `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`;
  });
}

const utf8 = new TextEncoder();

/**
 * The text of each token: its slice of the input when the token is whole characters; otherwise
 * (added specials such as BOS, tokens that split a character) its vocabulary piece.
 */
export function tokenTexts(text: string, spans: readonly TokenSpan[]): string[] {
  return spans.map((s) => {
    const slice = text.slice(s.start, s.end);
    const whole = s.end > s.start && utf8.encode(slice).length === s.byteEnd - s.byteStart;
    return whole ? slice : s.piece;
  });
}

export function renderPieces(text: string, spans: readonly TokenSpan[], style: Style): string {
  const texts = tokenTexts(text, spans);
  const lines: string[] = [];
  if (style.enabled) {
    // The text itself, one background per token; newlines stay newlines.
    lines.push(texts.map((t, i) => t.split("\n").map((part) => style.tokenBg(part, i)).join("\n")).join(""));
    lines.push("");
    lines.push(texts.map((t, i) => `${style.tokenBg(visible(t) || "·", i)}${style.dim(String(spans[i].id))}`).join(" "));
  } else {
    lines.push(`[${texts.map((t) => JSON.stringify(t)).join(", ")}]`);
    lines.push(`[${spans.map((s) => s.id).join(", ")}]`);
  }
  lines.push(`${spans.length} token${spans.length === 1 ? "" : "s"}`);
  return `${lines.join("\n")}\n`;
}
