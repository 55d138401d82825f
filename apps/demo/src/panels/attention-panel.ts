// Attention explorer: the attention weights of a prompt as heatmaps (row = query token, column = key
// token), per layer and head or averaged over heads, with every head of a layer as small multiples.

import type { App } from "../app.js";
import { type AttentionData, averageHeads, cellAt, checkAttentionData, headMatrix, heatmapPixels, upperTriangleMax } from "../logic/heatmap.js";
import { visibleWhitespace } from "../logic/token-segments.js";
import type { AttentionResult } from "../protocol.js";
import { append, clear, h } from "../ui/dom.js";

const MAIN_SIZE = 420;
const SMALL_SIZE = 96;
const AVERAGE = -1;

export function mountAttentionPanel(root: HTMLElement, app: App): void {
  const prompt = h("input", { type: "text", size: 60, value: "Once upon a time, there was a little girl named Lily.", "data-testid": "attn-prompt" });
  const run = h("button", { "data-testid": "attn-run", disabled: true }, "Show attention");
  const useStory = h("button", { class: "secondary", "data-testid": "attn-use-generated" }, "use the generated text");
  useStory.addEventListener("click", () => {
    if (app.lastStory) prompt.value = app.lastStory;
    else app.report(status, new Error("generate some text first"));
  });
  const layerSelect = h("select", { "data-testid": "attn-layer" });
  const headSelect = h("select", { "data-testid": "attn-head" });
  const status = h("p", { class: "status", "data-testid": "attn-status" }, "Load a model first.");
  const canvas = h("canvas", {
    class: "heatmap",
    "data-testid": "attn-canvas",
    width: 1,
    height: 1,
    tabindex: 0,
    role: "img",
    "aria-label": "attention heatmap: focus and use the arrow keys to read weights",
  });
  const readout = h("p", { class: "readout", "data-testid": "attn-readout" }, "Hover the map to read a weight.");
  const rowLabels = h("div", { class: "row-labels" });
  const multiples = h("div", { class: "multiples", "data-testid": "attn-multiples" });
  let data: AttentionResult | undefined;
  let shown: Float32Array | undefined;

  app.onModel(() => {
    run.disabled = false;
    status.classList.remove("error");
    status.textContent = "Ready.";
  });

  function options(select: HTMLSelectElement, values: [number, string][]): void {
    clear(select);
    for (const [v, label] of values) select.appendChild(h("option", { value: v }, label));
  }

  function matrixFor(a: AttentionData, layer: number, head: number): Float32Array {
    return head === AVERAGE ? averageHeads(a, layer) : headMatrix(a, layer, head);
  }

  function draw(target: HTMLCanvasElement, matrix: Float32Array, T: number, cssSize: number): number {
    target.width = T;
    target.height = T;
    const cell = Math.max(1, Math.floor(cssSize / T));
    target.style.width = `${cell * T}px`;
    target.style.height = `${cell * T}px`;
    const ctx = target.getContext("2d");
    if (!ctx) return 0;
    ctx.putImageData(new ImageData(heatmapPixels(matrix, T), T, T), 0, 0);
    const px = ctx.getImageData(0, 0, T, T).data;
    let ink = 0;
    for (let i = 0; i < px.length; i += 4) if (px[i] !== 255 || px[i + 1] !== 255 || px[i + 2] !== 255) ink++;
    return ink;
  }

  function render(): void {
    if (!data) return;
    const layer = Number(layerSelect.value);
    const head = Number(headSelect.value);
    shown = matrixFor(data, layer, head);
    const ink = draw(canvas, shown, data.T, MAIN_SIZE);
    const cell = Math.max(1, Math.floor(MAIN_SIZE / data.T));
    clear(rowLabels);
    rowLabels.style.display = cell >= 10 ? "" : "none";
    for (const p of data.pieces) rowLabels.appendChild(h("div", { style: `height:${cell}px;line-height:${cell}px;font-size:${Math.min(12, cell - 1)}px` }, visibleWhitespace(p)));
    if (app.exposed.attention) app.exposed.attention.canvasInkPixels = ink;

    clear(multiples);
    const heads: [number, string][] = [...Array.from({ length: data.heads }, (_, i): [number, string] => [i, `head ${i}`]), [AVERAGE, "average"]];
    for (const [hd, label] of heads) {
      const small = h("canvas", { class: `heatmap small${hd === head ? " selected" : ""}`, width: 1, height: 1 });
      draw(small, matrixFor(data, layer, hd), data.T, SMALL_SIZE);
      const fig = h("figure", { class: "multiple", "data-head": hd }, small, h("figcaption", {}, label));
      fig.addEventListener("click", () => {
        headSelect.value = String(hd);
        render();
      });
      multiples.appendChild(fig);
    }
  }

  let cursor = { row: 0, col: 0 };
  function read(at: { row: number; col: number }): void {
    if (!data || !shown) return;
    cursor = at;
    const w = shown[at.row * data.T + at.col] ?? 0;
    const q = visibleWhitespace(data.pieces[at.row] ?? "");
    const k = visibleWhitespace(data.pieces[at.col] ?? "");
    readout.textContent =
      at.col > at.row
        ? `query ${at.row} "${q}" cannot see key ${at.col} "${k}" (future token, masked): 0`
        : `query ${at.row} "${q}" → key ${at.col} "${k}": ${w.toFixed(4)}`;
  }
  canvas.addEventListener("mousemove", (event) => {
    if (!data) return;
    const rect = canvas.getBoundingClientRect();
    const at = cellAt(event.clientX - rect.left, event.clientY - rect.top, rect.width, data.T);
    if (at) read(at);
  });
  // Keyboard: focus the map (Tab) and move over the cells with the arrow keys.
  canvas.addEventListener("keydown", (event) => {
    if (!data) return;
    const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    const clamp = (v: number): number => Math.max(0, Math.min(data ? data.T - 1 : 0, v));
    read({ row: clamp(cursor.row + move[0]), col: clamp(cursor.col + move[1]) });
  });
  layerSelect.addEventListener("change", render);
  headSelect.addEventListener("change", render);

  run.addEventListener("click", () => {
    void (async () => {
      run.disabled = true;
      status.classList.remove("error");
      status.textContent = "running the prompt…";
      try {
        const result = await app.client.request("attention", { prompt: prompt.value });
        checkAttentionData(result);
        data = result;
        let upper = 0;
        for (let l = 0; l < result.layers; l++) for (let hd = 0; hd < result.heads; hd++) upper = Math.max(upper, upperTriangleMax(headMatrix(result, l, hd), result.T));
        app.exposed.attention = { ...result, weights: Array.from(result.weights), upperTriangleMax: upper, canvasInkPixels: 0 };
        const prevLayer = layerSelect.value;
        options(layerSelect, Array.from({ length: result.layers }, (_, i): [number, string] => [i, `layer ${i}`]));
        options(headSelect, [[AVERAGE, "average of heads"], ...Array.from({ length: result.heads }, (_, i): [number, string] => [i, `head ${i}`])]);
        if (prevLayer && Number(prevLayer) < result.layers) layerSelect.value = prevLayer;
        render();
        status.textContent = `${result.T} tokens · ${result.layers} layers × ${result.heads} heads. Rows are queries, columns are keys; above the diagonal is the causal mask (always 0).`;
      } catch (error) {
        app.report(status, error);
      } finally {
        run.disabled = false;
      }
    })();
  });

  append(
    root,
    h("h2", {}, "Attention explorer"),
    h("p", { class: "hint" }, "Each row is a token looking back at the tokens before it; darker = more attention. Click a small map to pick that head."),
    h("label", { class: "field" }, h("span", {}, "prompt"), prompt),
    h("div", { class: "controls" }, run, useStory, layerSelect, headSelect),
    status,
    h("div", { class: "attn-layout" }, h("div", { class: "attn-main" }, h("div", { class: "attn-map" }, rowLabels, canvas), readout), multiples),
  );
}
