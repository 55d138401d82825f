// Page entry: start the worker, show what the kernels picked, mount the panels.

import { App, describeRuntime } from "./app.js";
import { WorkerClient } from "./client.js";
import { mountAttentionPanel } from "./panels/attention-panel.js";
import { mountGenerationPanel } from "./panels/generation-panel.js";
import { mountModelPanel } from "./panels/model-panel.js";
import { mountTokenizerPanel } from "./panels/tokenizer-panel.js";
import { byId } from "./ui/dom.js";

const worker = new Worker(new URL("./worker/worker.ts", import.meta.url), { type: "module", name: "wasmformer" });
const app = new App(new WorkerClient(worker));
const runtimeLine = byId("runtime");

worker.addEventListener("error", (event) => app.report(runtimeLine, new Error(`worker failed: ${event.message}`)));
window.addEventListener("unhandledrejection", (event) => app.exposed.errors.push(String(event.reason)));

mountModelPanel(byId("model"), app);
mountTokenizerPanel(byId("tokenizer"), app);
mountGenerationPanel(byId("generate"), app);
mountAttentionPanel(byId("attention"), app);

app.onRuntime((runtime) => {
  runtimeLine.classList.remove("error");
  runtimeLine.textContent = describeRuntime(runtime);
  runtimeLine.title = runtime.reason;
});
app.client
  .request("init", {})
  .then((runtime) => app.setRuntime(runtime))
  .catch((error: unknown) => app.report(runtimeLine, error));
