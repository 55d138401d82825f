// Worker entry: the tokenizers, the model and the kernels live here, off the page's main thread.

import { createKernels } from "@wasmformer/kernels";
import { serve } from "./host.js";
import { loadCheckpoint } from "./load-checkpoint.js";
import { Session } from "./session.js";
import { loadTokenizerFile } from "./tokenizer-files.js";

const scope = globalThis as unknown as {
  crossOriginIsolated?: boolean;
  navigator: { hardwareConcurrency?: number };
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: "message", listener: (event: MessageEvent) => void): void;
};

const session = new Session({
  createKernels,
  loadTokenizerFile,
  loadCheckpoint,
  crossOriginIsolated: scope.crossOriginIsolated === true,
  hardwareConcurrency: scope.navigator.hardwareConcurrency ?? 1,
});

serve(
  {
    postMessage: (m, t) => scope.postMessage(m, t ?? []),
    addEventListener: (type, l) => scope.addEventListener(type, l),
  },
  session.handlers(),
);
