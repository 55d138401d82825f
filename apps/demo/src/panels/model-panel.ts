// Model loading (built-in random demo model, llama2.c or Hugging Face files from disk, or URLs) and
// the model card.

import { type App, describeRuntime } from "../app.js";
import { formatCount, groupDigits } from "../logic/format.js";
import type { KernelChoice, ModelCard, ModelSource } from "../protocol.js";
import { llama2cRole } from "../logic/file-roles.js";
import { append, clear, h } from "../ui/dom.js";
import { onFileDrop, setInputFiles } from "../ui/drop.js";
import { hfLoader } from "./hf-loader.js";

export function mountModelPanel(root: HTMLElement, app: App): void {
  const status = h("p", { class: "status", "data-testid": "model-status" }, "No model loaded. Build the demo model or load a llama2.c or Hugging Face checkpoint.");
  const card = h("div", { class: "card", "data-testid": "model-card" });

  const seed = h("input", { type: "number", value: 42, min: 0, max: 4294967295, "data-testid": "demo-seed" });
  const demoButton = h("button", { "data-testid": "load-demo" }, "Build demo model");
  const ckptFile = h("input", { type: "file", accept: ".bin", "data-testid": "checkpoint-file" });
  const tokFile = h("input", { type: "file", accept: ".bin,.model,.json,.txt,.tiktoken", "data-testid": "tokenizer-file" });
  const filesButton = h("button", { "data-testid": "load-files" }, "Load files");
  const ckptUrl = h("input", { type: "url", placeholder: "https://…/stories15M.bin", "data-testid": "checkpoint-url" });
  const tokUrl = h("input", { type: "url", placeholder: "https://…/tokenizer.bin", "data-testid": "tokenizer-url" });
  const urlButton = h("button", { "data-testid": "load-url" }, "Load from URL");
  const backend = h(
    "select",
    { "data-testid": "kernel-backend" },
    h("option", { value: "auto" }, "auto (feature detection)"),
    h("option", { value: "wasm-relaxed-simd" }, "WASM relaxed SIMD"),
    h("option", { value: "wasm-simd" }, "WASM SIMD"),
    h("option", { value: "js" }, "JS twins (no WASM)"),
  );
  const threads = h(
    "select",
    { "data-testid": "kernel-threads" },
    h("option", { value: "auto" }, "auto"),
    ...[1, 2, 4, 8].map((n) => h("option", { value: n }, String(n))),
  );
  const kernelsButton = h("button", { class: "secondary", "data-testid": "kernels-apply" }, "Switch kernels");
  const hf = hfLoader(
    (source, transfer) => load(source, transfer),
    (error) => app.report(status, error),
  );
  const buttons = [demoButton, filesButton, urlButton, kernelsButton, ...hf.buttons];

  kernelsButton.addEventListener("click", () => {
    void (async () => {
      for (const b of buttons) b.disabled = true;
      status.classList.remove("error");
      status.textContent = "re-creating the kernels…";
      try {
        const choice: KernelChoice = {
          backend: backend.value as KernelChoice["backend"],
          threads: threads.value === "auto" ? "auto" : Number(threads.value),
        };
        const r = await app.client.request("configureKernels", { choice }, { onEvent: (p) => (status.textContent = `${p.stage}…`) });
        app.setRuntime(r.runtime);
        status.textContent = `Kernels: ${r.runtime.reason}.` + (r.model ? ` ${r.model.name} reloaded onto them.` : "");
        if (r.model) {
          renderCard(card, r.model);
          app.setModel(r.model);
        }
      } catch (error) {
        app.report(status, error);
      } finally {
        for (const b of buttons) b.disabled = false;
      }
    })();
  });

  async function load(source: ModelSource, transfer: Transferable[] = []): Promise<void> {
    for (const b of buttons) b.disabled = true;
    status.classList.remove("error");
    status.textContent = "loading…";
    try {
      const result = await app.client.request("loadModel", { source }, {
        transfer,
        onEvent: (p) => {
          status.textContent = p.total ? `${p.stage}: ${Math.round((100 * (p.loaded ?? 0)) / p.total)}%` : `${p.stage}…`;
        },
      });
      status.textContent = `Loaded ${result.name} in ${result.loadMs.toFixed(0)} ms.`;
      renderCard(card, result);
      app.setModel(result);
    } catch (error) {
      app.report(status, error);
    } finally {
      for (const b of buttons) b.disabled = false;
    }
  }

  demoButton.addEventListener("click", () => {
    const s = Number(seed.value);
    void load({ kind: "demo", seed: Number.isInteger(s) && s >= 0 ? s : 42 });
  });
  filesButton.addEventListener("click", () => {
    void (async () => {
      const c = ckptFile.files?.[0];
      const t = tokFile.files?.[0];
      if (!c || !t) {
        app.report(status, new Error("pick both a checkpoint (.bin) and its tokenizer (tokenizer.bin / tokenizer.model / tokenizer.json)"));
        return;
      }
      const [checkpoint, tokenizer] = await Promise.all([c.arrayBuffer(), t.arrayBuffer()]);
      await load({ kind: "files", checkpointName: c.name, checkpoint, tokenizerName: t.name, tokenizer }, [checkpoint, tokenizer]);
    })();
  });
  urlButton.addEventListener("click", () => {
    if (!ckptUrl.value || !tokUrl.value) {
      app.report(status, new Error("give both URLs (checkpoint and tokenizer)"));
      return;
    }
    void load({ kind: "url", checkpointUrl: new URL(ckptUrl.value, location.href).href, tokenizerUrl: new URL(tokUrl.value, location.href).href });
  });

  onFileDrop(root, (files) => {
    if (hf.claims(files)) {
      void hf.loadFiles(files);
      return;
    }
    void (async () => {
      const roles = await Promise.all(files.map(async (f) => llama2cRole(f.name, new Uint8Array(await f.slice(0, 28).arrayBuffer()), f.size)));
      const checkpoint = files.find((_, i) => roles[i] === "checkpoint");
      const tokenizer = files.find((_, i) => roles[i] === "tokenizer");
      if (checkpoint) setInputFiles(ckptFile, [checkpoint]);
      if (tokenizer) setInputFiles(tokFile, [tokenizer]);
      if (checkpoint && tokenizer) filesButton.click();
      else status.textContent = `Dropped ${files.map((f) => f.name).join(", ")}: ${checkpoint ? "now add its tokenizer" : tokenizer ? "now add a checkpoint" : "not a llama2.c checkpoint or tokenizer"}.`;
    })();
  });

  append(
    root,
    h("h2", {}, "Model"),
    h("p", { class: "hint" }, "Pick files below, or drop a checkpoint and its tokenizer (or a Hugging Face folder's files) anywhere on this panel."),
    h(
      "div",
      { class: "loaders" },
      h(
        "fieldset",
        {},
        h("legend", {}, "Built-in demo"),
        h("p", { class: "hint" }, "A small Llama-2-shaped model with random weights generated in the page from the seed. It is untrained: its text is noise, but every panel works with no download."),
        h("label", { class: "field" }, h("span", {}, "seed"), seed),
        demoButton,
      ),
      h(
        "fieldset",
        {},
        h("legend", {}, "llama2.c from disk"),
        h("label", { class: "field" }, h("span", {}, "checkpoint (llama2.c .bin)"), ckptFile),
        h("label", { class: "field" }, h("span", {}, "tokenizer"), tokFile),
        filesButton,
      ),
      h(
        "fieldset",
        {},
        h("legend", {}, "llama2.c from URLs"),
        h("label", { class: "field" }, h("span", {}, "checkpoint"), ckptUrl),
        h("label", { class: "field" }, h("span", {}, "tokenizer"), tokUrl),
        urlButton,
      ),
      hf.fieldset,
      h(
        "fieldset",
        {},
        h("legend", {}, "Kernels"),
        h("p", { class: "hint" }, "Compare tokens/s across kernel builds. Threads need a cross-origin isolated page."),
        h("label", { class: "field" }, h("span", {}, "backend"), backend),
        h("label", { class: "field" }, h("span", {}, "threads"), threads),
        kernelsButton,
      ),
    ),
    status,
    card,
  );
}

function renderCard(root: HTMLElement, m: ModelCard): void {
  clear(root);
  const c = m.config;
  const configRows: [string, string | number][] = [
    ["format", m.format === "llama2c" ? "llama2.c .bin" : "Hugging Face safetensors"],
    ["block", blockDescription(c)],
    ["dim (d_model)", c.dim],
    ["hidden dim (d_ff)", c.hiddenDim],
    ["layers", c.layers],
    ["heads", c.heads],
    ["kv heads", `${c.kvHeads}${c.kvHeads < c.heads ? ` (grouped-query: ${c.heads / c.kvHeads} heads share each K/V)` : ""}`],
    ["head size", c.dim / c.heads],
    ["vocabulary", c.vocabSize],
    ["context (seq_len)", c.seqLen],
    ["classifier", c.sharedClassifier ? "tied to the token embedding" : "separate matrix"],
  ];
  append(
    root,
    h("h3", {}, m.name, " ", m.untrained ? h("span", { class: "badge warn", "data-testid": "untrained-badge" }, "untrained · random weights") : null),
    h("p", { class: "hint" }, `${m.source} · tokenizer ${m.tokenizer.name} (${m.tokenizer.vocabSize} pieces) · ${describeRuntime(m.runtime)}`),
    h("table", { class: "config" }, h("tbody", {}, ...configRows.map(([k, v]) => h("tr", {}, h("th", {}, k), h("td", {}, String(v)))))),
    h(
      "table",
      { class: "params", "data-testid": "param-table" },
      h("thead", {}, h("tr", {}, h("th", {}, "component"), h("th", {}, "formula"), h("th", {}, "by formula"), h("th", {}, "actual"), h("th", {}, ""))),
      h(
        "tbody",
        {},
        ...m.params.map((p) =>
          h(
            "tr",
            { class: p.byFormula === p.actual ? "" : "differs" },
            h("td", {}, p.component),
            h("td", { class: "mono" }, p.formula),
            h("td", { class: "num" }, groupDigits(p.byFormula)),
            h("td", { class: "num" }, groupDigits(p.actual)),
            h("td", { class: "note" }, p.note ?? ""),
          ),
        ),
        h(
          "tr",
          { class: "total" },
          h("td", {}, "total"),
          h("td", {}, ""),
          h("td", { class: "num" }, `${groupDigits(m.totalByFormula)} (${formatCount(m.totalByFormula)})`),
          h("td", { class: "num" }, `${groupDigits(m.totalActual)} (${formatCount(m.totalActual)})`),
          h("td", {}, ""),
        ),
      ),
    ),
  );
}

function blockDescription(c: ModelCard["config"]): string {
  const norm = c.norm === "rms" ? "RMSNorm" : "LayerNorm";
  const positions = { rope: "RoPE", learned: "learned positions", sinusoidal: "sinusoidal positions", alibi: "ALiBi" }[c.positions];
  const ffn = c.ffn === "swiglu" ? "SwiGLU" : "GELU MLP";
  return `${norm} · ${positions} · ${ffn}${c.bias ? " · biases" : ""}`;
}
