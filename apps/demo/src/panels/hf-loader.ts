// The model panel's Hugging Face box: a folder (or its files) with config.json + model.safetensors +
// a tokenizer, picked, dropped or given by URL, turned into a loadModel source.

import { huggingFaceFolder } from "../logic/file-roles.js";
import type { ModelSource } from "../protocol.js";
import { h } from "../ui/dom.js";

export interface HfLoader {
  fieldset: HTMLFieldSetElement;
  buttons: HTMLButtonElement[];
  /** True when the files look like a Hugging Face folder (config.json or a .safetensors among them). */
  claims(files: File[]): boolean;
  /** Loads these files as a Hugging Face folder. */
  loadFiles(files: File[]): Promise<void>;
}

type Load = (source: ModelSource, transfer?: Transferable[]) => Promise<void>;

const pathOf = (f: File): string => f.webkitRelativePath || f.name;

export function hfLoader(load: Load, report: (error: Error) => void): HfLoader {
  const files = h("input", { type: "file", multiple: true, accept: ".json,.safetensors,.model,.bin,.txt", "data-testid": "hf-files" });
  const folder = h("input", { type: "file", webkitdirectory: true, "data-testid": "hf-folder" });
  const button = h("button", { "data-testid": "load-hf" }, "Load folder");
  const url = h("input", { type: "url", placeholder: "https://huggingface.co/<repo>/resolve/main/", "data-testid": "hf-url" });
  const urlButton = h("button", { "data-testid": "load-hf-url" }, "Load from URL");

  async function loadFiles(picked: File[]): Promise<void> {
    const roles = huggingFaceFolder(picked.map(pathOf));
    if (roles.config === undefined || roles.safetensors === undefined || roles.tokenizer === undefined) {
      report(new Error(`not a usable Hugging Face folder: ${roles.problems.join(", ")}`));
      return;
    }
    const [c, s, t] = [picked[roles.config], picked[roles.safetensors], picked[roles.tokenizer]] as [File, File, File];
    const [config, safetensors, tokenizer] = await Promise.all([c.arrayBuffer(), s.arrayBuffer(), t.arrayBuffer()]);
    const dir = pathOf(c).split("/").slice(0, -1).pop();
    const name = dir || (s.name === "model.safetensors" ? "Hugging Face model" : s.name);
    await load({ kind: "hf-files", name, config, safetensors, tokenizerName: t.name, tokenizer }, [config, safetensors, tokenizer]);
  }

  button.addEventListener("click", () => {
    const picked = [...Array.from(folder.files ?? []), ...Array.from(files.files ?? [])];
    if (picked.length === 0) report(new Error("pick a Hugging Face model folder, or its config.json, model.safetensors and tokenizer.json"));
    else void loadFiles(picked);
  });
  folder.addEventListener("change", () => {
    if (folder.files?.length) files.value = "";
  });
  files.addEventListener("change", () => {
    if (files.files?.length) folder.value = "";
  });
  urlButton.addEventListener("click", () => {
    if (!url.value) report(new Error("give the folder URL (config.json, model.safetensors and tokenizer.json are fetched from it)"));
    else void load({ kind: "hf-url", folderUrl: new URL(url.value, location.href).href });
  });

  const fieldset = h(
    "fieldset",
    {},
    h("legend", {}, "Hugging Face (safetensors)"),
    h("p", { class: "hint" }, "A llama or gpt2 model: config.json + model.safetensors (F32/F16/BF16) + tokenizer.json."),
    h("label", { class: "field" }, h("span", {}, "folder"), folder),
    h("label", { class: "field" }, h("span", {}, "or its files"), files),
    button,
    h("label", { class: "field" }, h("span", {}, "folder URL"), url),
    urlButton,
  );
  return {
    fieldset,
    buttons: [button, urlButton],
    claims: (dropped) => dropped.some((f) => /(^|\/)config\.json$|\.safetensors$/i.test(pathOf(f))),
    loadFiles,
  };
}
