// Generation: streamed text with sampling controls; per step, the top next-token probabilities with
// the sampled token highlighted; tokens/s and the kernel variant.

import { type App, describeRuntime } from "../app.js";
import { formatPercent } from "../logic/format.js";
import { visibleWhitespace } from "../logic/token-segments.js";
import type { GeneratedStep, SamplingSettings } from "../protocol.js";
import { append, clear, h, numberField } from "../ui/dom.js";

const TOP_COUNT = 10;

export function mountGenerationPanel(root: HTMLElement, app: App): void {
  const prompt = h("input", { type: "text", size: 60, value: "Once upon a time", "data-testid": "gen-prompt" });
  const temperature = numberField("temperature", { value: 0.8, min: 0, max: 2, step: 0.05, "data-testid": "gen-temperature" });
  const topK = numberField("top-k (0 = off)", { value: 40, min: 0, step: 1, "data-testid": "gen-topk" });
  const topP = numberField("top-p (1 = off)", { value: 0.9, min: 0, max: 1, step: 0.01, "data-testid": "gen-topp" });
  const seed = numberField("seed", { value: 42, min: 0, step: 1, "data-testid": "gen-seed" });
  const maxTokens = numberField("max tokens", { value: 128, min: 1, max: 4096, step: 1, "data-testid": "gen-max" });
  const greedy = h("button", { class: "secondary", "data-testid": "gen-greedy" }, "greedy (t = 0)");
  const go = h("button", { "data-testid": "gen-start", disabled: true }, "Generate");
  const stop = h("button", { class: "secondary", "data-testid": "gen-stop", disabled: true }, "Stop");
  const status = h("p", { class: "status", "data-testid": "gen-status" }, "Load a model first.");
  const output = h("div", { class: "gen-output", "data-testid": "gen-output" });
  const bars = h("div", { class: "bars", "data-testid": "gen-bars" });
  const steps: GeneratedStep[] = [];
  let selected: HTMLElement | undefined;

  greedy.addEventListener("click", () => {
    temperature.input.value = "0";
  });
  app.onModel(() => {
    go.disabled = false;
    status.classList.remove("error");
    status.textContent = "Ready.";
  });

  function settings(): SamplingSettings {
    const num = (i: HTMLInputElement, fallback: number): number => (Number.isFinite(i.valueAsNumber) ? i.valueAsNumber : fallback);
    return {
      temperature: num(temperature.input, 0.8),
      topK: Math.max(0, Math.round(num(topK.input, 0))),
      topP: num(topP.input, 1),
      seed: Math.max(0, Math.round(num(seed.input, 42))),
      maxTokens: Math.max(1, Math.round(num(maxTokens.input, 128))),
    };
  }

  function showStep(step: GeneratedStep, chip: HTMLElement | undefined): void {
    selected?.classList.remove("selected");
    selected = chip;
    chip?.classList.add("selected");
    clear(bars);
    const inTop = step.top.some((c) => c.id === step.id);
    const rows = inTop ? step.top : [...step.top, { id: step.id, piece: "(sampled, outside the top)", prob: step.prob, kept: true }];
    append(
      bars,
      h("div", { class: "bars-title" }, `step ${step.step + 1}: next-token probabilities (struck out: removed by top-k / top-p)`),
      ...rows.map((c) =>
        h(
          "div",
          { class: `bar${c.id === step.id ? " sampled" : ""}${c.kept ? "" : " cut"}` },
          h("span", { class: "bar-label", title: c.kept ? `id ${c.id}` : `id ${c.id} — removed by top-k / top-p before the draw` }, visibleWhitespace(c.piece)),
          h("span", { class: "bar-track" }, h("span", { class: "bar-fill", style: `width:${(100 * c.prob).toFixed(2)}%` })),
          h("span", { class: "bar-value" }, formatPercent(c.prob)),
        ),
      ),
    );
  }

  go.addEventListener("click", () => {
    void (async () => {
      go.disabled = true;
      stop.disabled = false;
      status.classList.remove("error");
      status.textContent = "generating…";
      clear(output);
      clear(bars);
      steps.length = 0;
      const text = prompt.value;
      append(output, h("span", { class: "prompt" }, text));
      const t0 = performance.now();
      try {
        const result = await app.client.request(
          "generate",
          { prompt: text, settings: settings(), topCount: TOP_COUNT },
          {
            onEvent: (step) => {
              steps.push(step);
              const chip = h("span", { class: "gen-token", title: `id ${step.id} · p = ${formatPercent(step.prob)}` }, step.text);
              chip.addEventListener("mouseenter", () => showStep(step, chip));
              chip.addEventListener("click", () => showStep(step, chip));
              output.appendChild(chip);
              showStep(step, chip);
              const seconds = (performance.now() - t0) / 1000;
              status.textContent = `${steps.length} tokens · ${(steps.length / seconds).toFixed(1)} tok/s (page clock)`;
            },
          },
        );
        app.exposed.generation = result;
        app.lastStory = text + result.text;
        status.textContent =
          `${result.ids.length} tokens · prompt ${result.promptTokens} tokens, prefill ${result.prefillMs.toFixed(1)} ms` +
          (result.prefillMs > 0 ? ` (${((1000 * result.promptTokens) / result.prefillMs).toFixed(0)} tok/s) · ` : " · ") +
          `decode ${result.tokensPerSecond.toFixed(1)} tok/s · stopped: ${result.stopReason} · ${describeRuntime(result.runtime)}`;
      } catch (error) {
        app.report(status, error);
      } finally {
        go.disabled = false;
        stop.disabled = true;
      }
    })();
  });
  stop.addEventListener("click", () => void app.client.request("stop", {}));

  append(
    root,
    h("h2", {}, "Generation"),
    h("p", { class: "hint" }, "Text streams from the model token by token. Hover a generated token to see the distribution it was sampled from."),
    h("label", { class: "field" }, h("span", {}, "prompt"), prompt),
    h("div", { class: "controls" }, temperature.wrap, topK.wrap, topP.wrap, seed.wrap, maxTokens.wrap, greedy, go, stop),
    status,
    h("div", { class: "gen-layout" }, output, bars),
  );
}
