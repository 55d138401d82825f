// `inspect` through the binary, checked against the checkpoint file itself: its header, its size
// (every float in it is a parameter, except run.c's legacy RoPE tables), a float64 re-computation of
// layer 0's attention from its bytes, and run.c's greedy story for the next-token table.
import { readLlama2c } from "@wasmformer/test-checkpoints";
import { fixturePath, readFixture } from "@wasmformer/test-fixtures";
import { describe, expect, it } from "vitest";
import { runBin } from "./helpers.js";
import { expectedGreedy } from "./support/expected.js";
import { layer0Attention } from "./support/layer0-attention.js";

const CHECKPOINT = fixturePath("llama2c/stories260K.bin");
const TOKENIZER = fixturePath("llama2c/tok512.bin");
const file = readLlama2c(readFixture("llama2c/stories260K.bin"));

interface Row {
  component: string;
  formula: string;
  expected: number;
  actual: number;
  note: string;
}
interface Report {
  format: string;
  config: Record<string, number | string | boolean>;
  parameters: Row[];
  totalByFormula: number;
  totalParameters: number;
  memory: { weights: number; kvCache: number; activations: number; total: number; heapReserved: number };
  attention?: { layer: number; head: number; ids: number[]; weights: number[][] };
  topK?: { position: number; token: number; piece: string; next: { id: number; piece: string; probability: number }[] }[];
}

function inspectJson(args: string[]): Report {
  const r = runBin(["inspect", CHECKPOINT, ...args, "--json"]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Report;
}

describe("inspect", () => {
  it("shows the config of the header: dim 64, hidden 172, 5 layers, 8 heads, 4 kv heads, vocab 512, seq_len 512", () => {
    const { config, format } = inspectJson([]);
    expect(format).toBe("llama2.c");
    expect(config).toMatchObject({
      dim: file.dim,
      hiddenDim: file.hidden,
      layers: file.layers,
      heads: file.heads,
      kvHeads: file.kvHeads,
      vocabSize: file.vocab,
      maxSeqLen: file.seqLen,
      tiedEmbeddings: file.shared,
    });
    expect([file.dim, file.hidden, file.layers, file.heads, file.kvHeads, file.vocab, file.seqLen]).toEqual([64, 172, 5, 8, 4, 512, 512]);
  });

  it("counts parameters by formula and by tensor; the actual total is every float in the file but the RoPE tables", () => {
    const { parameters, totalParameters, totalByFormula } = inspectJson([]);
    const headSize = file.dim / file.heads;
    expect(totalParameters).toBe(file.floats - file.seqLen * headSize); // freq_cis_real + freq_cis_imag
    const { dim: d, hidden: h, layers: L } = file;
    const kv = headSize * file.kvHeads;
    const byName = Object.fromEntries(parameters.map((r) => [r.component, r]));
    expect(byName.embedding).toMatchObject({ expected: 512 * d, actual: file.tensors.emb.length });
    expect(byName.attention).toMatchObject({ formula: "L·4·d²", expected: 4 * L * d * d, actual: L * (2 * d * d + 2 * kv * d) });
    expect(byName.attention!.note).toMatch(/grouped-query/);
    expect(byName.ffn).toMatchObject({ expected: 3 * L * d * h, actual: file.tensors.w1.length + file.tensors.w2.length + file.tensors.w3.length });
    expect(byName.norm!.actual).toBe(file.tensors.rmsAtt.length + file.tensors.rmsFfn.length + file.tensors.rmsFinal.length);
    expect(byName.classifier).toMatchObject({ expected: 0, actual: 0 });
    expect(totalByFormula).toBe(parameters.reduce((n, r) => n + r.expected, 0));

    const text = runBin(["inspect", CHECKPOINT]).stdout;
    expect(text).toMatch(/attention\s+L·4·d²\s+81,920\s+61,440 \*/);
    expect(text).toMatch(new RegExp(`total\\s+${totalByFormula.toLocaleString("en-US")}\\s+${totalParameters.toLocaleString("en-US")} \\*`));
    expect(text).toMatch(/\* attention: grouped-query attention/);
  });

  it("reports memory: f32 weights, the KV cache (2 · layers · seq_len · kv_dim floats) and the heap", () => {
    const { memory, totalParameters } = inspectJson([]);
    // Every parameter as a float32; stories260K's matrix sizes are multiples of 4, so packing adds no padding.
    expect([file.dim % 4, file.hidden % 4, ((file.dim / file.heads) * file.kvHeads) % 4, file.vocab % 4]).toEqual([0, 0, 0, 0]);
    expect(memory.weights).toBe(4 * totalParameters);
    expect(memory.kvCache).toBe(4 * 2 * file.layers * file.seqLen * ((file.dim / file.heads) * file.kvHeads));
    expect(memory.total).toBe(memory.weights + memory.kvCache + memory.activations);
    expect(memory.heapReserved).toBeGreaterThanOrEqual(memory.total);
    expect(runBin(["inspect", CHECKPOINT]).stdout).toMatch(/KV cache\s+655360\s+640\.0 KiB/);
  });

  it("--attention: layer 0 weights equal a float64 recomputation from the file; the heatmap's upper triangle is empty", () => {
    const prompt = "Lily saw a big red ball";
    for (const head of [0, 5]) {
      const { attention } = inspectJson(["-z", TOKENIZER, "--attention", prompt, "--layer", "0", "--head", String(head)]);
      const reference = layer0Attention(file, attention!.ids, head);
      expect(attention!.weights.map((r) => r.length)).toEqual(reference.map((r) => r.length));
      attention!.weights.forEach((row, q) => row.forEach((w, k) => expect(Math.abs(w - reference[q]![k]!)).toBeLessThan(1e-4)));
    }

    const r = runBin(["inspect", CHECKPOINT, "-z", TOKENIZER, "--attention", prompt, "--layer", "4", "--head", "2"]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    const start = lines.indexOf("attention, layer 4 head 2") + 1;
    const ids = inspectJson(["-z", TOKENIZER, "--attention", prompt]).attention!.ids;
    const grid = lines.slice(start, start + ids.length);
    expect(grid[0]!.startsWith("<s>")).toBe(true);
    expect(grid[1]!.trimStart().startsWith("Lily")).toBe(true);
    const labelWidth = grid[0]!.indexOf("██"); // BOS attends only to itself: the one full cell
    grid.forEach((line, q) => {
      const cells = line.slice(labelWidth, labelWidth + 2 * ids.length);
      expect(cells.slice(0, 2 * (q + 1))).toMatch(/^(· |░░|▒▒|▓▓|██)+$/); // keys 0..q shaded
      expect(cells.slice(2 * (q + 1)).trim()).toBe(""); // keys after q: masked, empty
      expect(cells).toContain("██"); // each row's strongest key at full shade
    });
    expect(r.stdout).not.toMatch(/\x1b\[/); // not a terminal: no colour

    const coloured = runBin(["inspect", CHECKPOINT, "-z", TOKENIZER, "--attention", "Lily"], { env: { FORCE_COLOR: "1" } });
    expect(coloured.stdout).toMatch(/\x1b\[48;5;\d+m/);
    const off = runBin(["inspect", CHECKPOINT, "-z", TOKENIZER, "--attention", "Lily"], { env: { FORCE_COLOR: "1", NO_COLOR: "1" } });
    expect(off.stdout).not.toMatch(/\x1b\[/);
  });

  it("--top-k: after each token of run.c's greedy story, its next token is the most likely one", () => {
    const storyIds = runBin(["tokenize", "--ids", "-z", TOKENIZER], { input: expectedGreedy().trimEnd() }).stdout.trim().split(" ").map(Number);
    const prompt = "Once upon a time, there was a little girl named Lily. She loved to play outside";
    const { topK } = inspectJson(["-z", TOKENIZER, "--top-k", "4", "-i", prompt]);
    expect(topK!.map((s) => s.token)).toEqual(storyIds.slice(0, topK!.length));
    topK!.slice(0, -1).forEach((step, i) => expect(step.next[0]!.id).toBe(storyIds[i + 1]));
    for (const step of topK!) {
      expect(step.next).toHaveLength(4);
      const p = step.next.map((c) => c.probability);
      expect([...p].sort((a, b) => b - a)).toEqual(p);
      expect(p.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1 + 1e-9);
    }
    const text = runBin(["inspect", CHECKPOINT, "-z", TOKENIZER, "--top-k", "2", "-i", "Once upon"]).stdout;
    expect(text).toMatch(/next token, top 2\n  <s> +→ " Once" \d+\.\d%  "[^"]*" \d+\.\d%\n/);
  });

  it("usage and runtime errors: exit 2 for bad flags, 1 for bad files, one line each", () => {
    expect(runBin(["inspect"]).code).toBe(2);
    expect(runBin(["inspect", CHECKPOINT, "--top-k", "3"])).toMatchObject({ code: 2 });
    expect(runBin(["inspect", CHECKPOINT, "--layer", "1"]).code).toBe(2);
    const layer = runBin(["inspect", CHECKPOINT, "-z", TOKENIZER, "--attention", "hi", "--layer", "5"]);
    expect(layer.code).toBe(2);
    expect(layer.stderr).toMatch(/--layer must be in 0\.\.4, got 5/);
    expect(runBin(["inspect", CHECKPOINT, "-z", TOKENIZER, "--attention", "hi", "--head", "8"]).code).toBe(2);
    const missing = runBin(["inspect", "/no/such/model.bin"]);
    expect(missing).toMatchObject({ code: 1, stderr: "error: cannot read checkpoint /no/such/model.bin: no such file\n" });
  });

  it("--debug adds the stack trace to a loader error", () => {
    const truncated = runBin(["inspect", fixturePath("llama2c/tok512.bin")]);
    expect(truncated.code).toBe(1);
    expect(truncated.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(truncated.stderr).toContain("tok512.bin");
    const debug = runBin(["inspect", fixturePath("llama2c/tok512.bin"), "--debug"]);
    expect(debug.code).toBe(1);
    expect(debug.stderr).toMatch(/\n\s+at /);
  });
});
