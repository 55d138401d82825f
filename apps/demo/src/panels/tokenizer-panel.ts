// Tokenizer playground: the same text through several tokenizers at once, as coloured chips with ids.

import type { App } from "../app.js";
import { segmentTokens, splitStats, tokenColor, visibleWhitespace } from "../logic/token-segments.js";
import { TIKTOKEN_NAMES, type TokenizeResult, type TokenizerRef } from "../protocol.js";
import { append, clear, h } from "../ui/dom.js";
import { onFileDrop, setInputFiles } from "../ui/drop.js";

const SAMPLE = "Once upon a time, tokenizers split text into pieces: \"unbelievable\" → un·believ·able? 🤖 東京 1234567";

interface Choice {
  label: string;
  ref: TokenizerRef;
  box: HTMLInputElement;
}

export function mountTokenizerPanel(root: HTMLElement, app: App): void {
  const text = h("textarea", { rows: 4, cols: 80, "data-testid": "tokenizer-input", spellcheck: "false" });
  text.value = SAMPLE;
  const status = h("p", { class: "status" });
  const rows = h("div", { class: "token-rows", "data-testid": "token-rows" });
  const showIds = h("input", { type: "checkbox", checked: true, "data-testid": "show-ids" });
  const choices: Choice[] = TIKTOKEN_NAMES.map((name) => ({
    label: name,
    ref: { kind: "tiktoken", name },
    box: h("input", { type: "checkbox", checked: name === "cl100k_base", "data-testid": `tok-${name}` }),
  }));
  const modelChoice: Choice = { label: "model's tokenizer", ref: { kind: "model" }, box: h("input", { type: "checkbox", disabled: true, "data-testid": "tok-model" }) };
  choices.push(modelChoice);
  const fileInput = h("input", { type: "file", accept: ".bin,.model,.json,.txt,.tiktoken", "data-testid": "tokenizer-playground-file" });
  const fileChoices = h("span", {});

  let generation = 0;
  async function run(): Promise<void> {
    const mine = ++generation;
    status.classList.remove("error");
    const selected = choices.filter((c) => c.box.checked && !c.box.disabled);
    const input = text.value;
    try {
      const results = await Promise.all(selected.map((c) => app.client.request("tokenize", { tokenizer: c.ref, text: input })));
      if (mine !== generation) return;
      clear(rows);
      results.forEach((r, i) => {
        app.exposed.tokenize[r.tokenizer] = r;
        rows.appendChild(renderRow(input, r, selected[i]?.label ?? r.tokenizer, showIds.checked));
      });
      status.textContent = selected.length === 0 ? "Pick at least one tokenizer." : "";
    } catch (error) {
      if (mine === generation) app.report(status, error);
    }
  }

  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => void run(), 120);
  };
  text.addEventListener("input", schedule);
  showIds.addEventListener("change", schedule);
  for (const c of choices) c.box.addEventListener("change", schedule);

  fileInput.addEventListener("change", () => {
    void (async () => {
      const file = fileInput.files?.[0];
      if (!file) return;
      try {
        const bytes = await file.arrayBuffer();
        const loaded = await app.client.request("loadTokenizerFile", { name: file.name, bytes }, { transfer: [bytes] });
        const box = h("input", { type: "checkbox", checked: true, "data-testid": `tok-file-${loaded.name}` });
        choices.push({ label: `${loaded.name} (${loaded.vocabSize} pieces)`, ref: { kind: "file", key: loaded.key }, box });
        box.addEventListener("change", schedule);
        append(fileChoices, h("label", { class: "check" }, box, loaded.name));
        schedule();
      } catch (error) {
        app.report(status, error);
      }
    })();
  });

  onFileDrop(root, (files) => setInputFiles(fileInput, files.slice(0, 1)));

  app.onModel((card) => {
    modelChoice.box.disabled = false;
    modelChoice.box.checked = true;
    modelChoice.label = `model: ${card.tokenizer.name}`;
    schedule();
  });

  append(
    root,
    h("h2", {}, "Tokenizer playground"),
    h("p", { class: "hint" }, "Type anything. Each chip is one token (hover for its id and vocabulary piece); compare how the tokenizers split the same text."),
    text,
    h(
      "div",
      { class: "choices" },
      ...choices.map((c) => h("label", { class: "check" }, c.box, c.ref.kind === "model" ? "model's tokenizer" : c.label)),
      fileChoices,
      h("label", { class: "field inline" }, h("span", {}, "add a tokenizer file"), fileInput),
      h("label", { class: "check" }, showIds, "show ids"),
    ),
    status,
    rows,
  );
  void run();
}

function renderRow(text: string, r: TokenizeResult, label: string, showIds: boolean): HTMLElement {
  const stats = splitStats(text, r.tokens.length);
  const chips = segmentTokens(text, r.tokens).map((seg) => {
    const toks = seg.tokens.map((i) => r.tokens[i]).filter((t) => t !== undefined);
    const title = toks.map((t) => `${t.id}  ${JSON.stringify(t.piece)}`).join("\n");
    return h(
      "span",
      { class: "chip", style: `background:${tokenColor(seg.tokens[0] ?? 0)}`, title },
      // A token with no text of its own (BOS, a dummy-prefix space) shows its piece instead.
      h("span", { class: `chip-text${seg.text === "" ? " synthetic" : ""}` }, seg.text === "" ? toks.map((t) => t.piece).join(" ") : visibleWhitespace(seg.text)),
      showIds ? h("span", { class: "chip-id" }, toks.map((t) => t.id).join(" ")) : null,
    );
  });
  return h(
    "div",
    { class: "token-row", "data-testid": `row-${r.tokenizer}` },
    h(
      "div",
      { class: "row-head" },
      h("strong", {}, label),
      ` — ${stats.tokens} tokens · ${stats.chars} characters · ${stats.bytes} UTF-8 bytes · ${stats.charsPerToken.toFixed(2)} chars/token · ${r.ms.toFixed(1)} ms`,
    ),
    h("div", { class: "chips" }, ...chips),
    h("code", { class: "ids", "data-testid": `ids-${r.tokenizer}` }, `[${r.tokens.map((t) => t.id).join(", ")}]`),
  );
}
