// The llama2.c reader on the shared stories260K fixture gives the header the fixtures README states,
// and the HF conversion keeps every weight (q/k rows in rotate-half order).
import { readFixture } from "@wasmformer/test-fixtures";
import { describe, expect, it } from "vitest";
import { hfLlamaFromLlama2c, readLlama2c, readLlama2cHeader, ropeRowsToHalfSplit } from "../src/index.js";

const bytes = readFixture("llama2c/stories260K.bin");

describe("readLlama2c", () => {
  it("reads stories260K's header as the fixtures README states it", () => {
    const readme = new TextDecoder().decode(readFixture("llama2c/README.md"));
    const m = /dim (\d+), hidden (\d+), (\d+) layers, (\d+) heads, (\d+) kv heads, vocab (\d+), seq_len (\d+), shared classifier/.exec(readme);
    expect(m).not.toBeNull();
    const [dim, hidden, layers, heads, kvHeads, vocab, seqLen] = m.slice(1).map(Number);
    const f = readLlama2c(bytes);
    expect(readLlama2cHeader(bytes)).toEqual({ dim, hidden, layers, heads, kvHeads, vocab, seqLen, shared: true });
    expect(f).toMatchObject({ dim, hidden, layers, heads, kvHeads, vocab, seqLen, shared: true, wcls: undefined });
    expect(f.floats).toBe((bytes.length - 28) / 4);
    const kv = (dim / heads) * kvHeads;
    const sizes = Object.fromEntries(Object.entries(f.tensors).map(([k, v]) => [k, v.length]));
    expect(sizes).toEqual({
      emb: vocab * dim,
      rmsAtt: layers * dim,
      wq: layers * dim * dim,
      wk: layers * kv * dim,
      wv: layers * kv * dim,
      wo: layers * dim * dim,
      rmsFfn: layers * dim,
      w1: layers * hidden * dim,
      w2: layers * dim * hidden,
      w3: layers * hidden * dim,
      rmsFinal: dim,
    });
    // What is left is the legacy freq_cis tables, seq_len·head_size floats.
    expect(f.floats - Object.values(sizes).reduce((a, b) => a + b, 0)).toBe(seqLen * (dim / heads));
  });

  it("reads an unshared classifier after the freq_cis tables, and refuses a truncated file", () => {
    const head = Int32Array.of(4, 6, 1, 2, 1, -3, 2);
    const n = 3 * 4 + 4 + 16 + 2 * 8 + 16 + 4 + 3 * 24 + 4;
    const floats = Float32Array.from({ length: n + 2 * 2 + 3 * 4 }, (_, i) => i);
    const file = new Uint8Array(28 + 4 * floats.length);
    file.set(new Uint8Array(head.buffer), 0);
    file.set(new Uint8Array(floats.buffer), 28);
    const f = readLlama2c(file);
    expect(f.shared).toBe(false);
    expect(Array.from(f.wcls)).toEqual(Array.from({ length: 12 }, (_, i) => n + 4 + i));
    expect(() => readLlama2c(file.subarray(0, file.length - 4))).toThrow(/truncated/);
  });
});

describe("hfLlamaFromLlama2c", () => {
  it("permutes each head's rows from adjacent pairs to halves", () => {
    // 2 heads of 4 rows, 1 column: rows 0..7 → [0, 2, 1, 3, 4, 6, 5, 7].
    expect(Array.from(ropeRowsToHalfSplit(Float32Array.of(0, 1, 2, 3, 4, 5, 6, 7), 2, 1))).toEqual([0, 2, 1, 3, 4, 6, 5, 7]);
  });

  it("writes stories260K as a parseable F32 folder holding every weight", () => {
    const f = readLlama2c(bytes);
    const hf = hfLlamaFromLlama2c(f);
    const config = JSON.parse(hf.config);
    expect(config).toMatchObject({ model_type: "llama", hidden_size: 64, intermediate_size: 172, num_hidden_layers: 5, num_attention_heads: 8, num_key_value_heads: 4, vocab_size: 512, max_position_embeddings: 512, tie_word_embeddings: true });
    const view = new DataView(hf.safetensors.buffer, hf.safetensors.byteOffset);
    const n = Number(view.getBigUint64(0, true));
    expect((8 + n) % 8).toBe(0);
    const header = JSON.parse(new TextDecoder().decode(hf.safetensors.subarray(8, 8 + n)));
    const names = Object.keys(header).filter((k) => k !== "__metadata__");
    expect(names).toHaveLength(1 + 5 * 9 + 1);
    expect(names).not.toContain("lm_head.weight");
    const total = names.reduce((s, k) => s + header[k].shape.reduce((a, b) => a * b, 1), 0);
    expect(total).toBe(f.floats - f.seqLen * (f.dim / f.heads));
    expect(hf.safetensors.length).toBe(8 + n + 4 * total);
    // q_proj row 1 of layer 0 is llama2.c's wq row 2 (head size 8: row 2 = pair 1, first half).
    const [begin] = header["model.layers.0.self_attn.q_proj.weight"].data_offsets;
    const row1 = new Float32Array(hf.safetensors.slice(8 + n + begin + 4 * 64, 8 + n + begin + 8 * 64).buffer);
    expect(Array.from(row1)).toEqual(Array.from(f.tensors.wq.subarray(2 * 64, 3 * 64)));
  });
});
