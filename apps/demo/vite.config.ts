import { defineConfig } from "vite";

/**
 * Cross-origin isolation (COOP + COEP) makes SharedArrayBuffer available, which the kernels need for
 * worker threads. Both the dev server and `vite preview` send the headers; any static host works
 * without them too (the page then runs single-threaded and says so).
 */
export const isolationHeaders = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
};

export default defineConfig({
  base: "./",
  server: { headers: isolationHeaders },
  preview: { headers: isolationHeaders },
  worker: { format: "es" },
  build: { target: "es2022", chunkSizeWarningLimit: 4096 },
});
