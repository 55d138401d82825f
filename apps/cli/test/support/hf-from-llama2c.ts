// Writes a llama2.c checkpoint as a Hugging Face llama directory (config.json + F32
// model.safetensors), the way transformers' convert_llama_weights_to_hf.py does: HF tensor names, and
// the rows of wq/wk permuted from adjacent-pair RoPE to rotate-half.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Llama2cFile } from "./llama2c-file.js";
import { type TensorMap, safetensorsBytes } from "./safetensors.js";

/** convert_llama_weights_to_hf's permute(): within each head, row 2i+j moves to j·(hs/2)+i. */
function permute(w: Float32Array, heads: number, rows: number, cols: number): Float32Array {
  const hs = rows / heads;
  const out = new Float32Array(w.length);
  for (let h = 0; h < heads; h++)
    for (let r = 0; r < hs; r++) {
      const to = h * hs + (r % 2) * (hs / 2) + Math.floor(r / 2);
      out.set(w.subarray((h * hs + r) * cols, (h * hs + r + 1) * cols), to * cols);
    }
  return out;
}

export function writeHfLlama(f: Llama2cFile, dir: string): void {
  mkdirSync(dir, { recursive: true });
  const { dim: d, hidden: h, layers: L, heads, kvHeads } = f;
  const kv = (d / heads) * kvHeads;
  const t = f.tensors;
  const m: TensorMap = new Map();
  m.set("model.embed_tokens.weight", { shape: [f.vocab, d], data: t.emb });
  const layer = (w: Float32Array, l: number, n: number) => w.subarray(l * n, (l + 1) * n);
  for (let l = 0; l < L; l++) {
    const p = `model.layers.${l}.`;
    m.set(`${p}input_layernorm.weight`, { shape: [d], data: layer(t.rmsAtt, l, d) });
    m.set(`${p}self_attn.q_proj.weight`, { shape: [d, d], data: permute(layer(t.wq, l, d * d), heads, d, d) });
    m.set(`${p}self_attn.k_proj.weight`, { shape: [kv, d], data: permute(layer(t.wk, l, kv * d), kvHeads, kv, d) });
    m.set(`${p}self_attn.v_proj.weight`, { shape: [kv, d], data: layer(t.wv, l, kv * d) });
    m.set(`${p}self_attn.o_proj.weight`, { shape: [d, d], data: layer(t.wo, l, d * d) });
    m.set(`${p}post_attention_layernorm.weight`, { shape: [d], data: layer(t.rmsFfn, l, d) });
    m.set(`${p}mlp.gate_proj.weight`, { shape: [h, d], data: layer(t.w1, l, h * d) });
    m.set(`${p}mlp.down_proj.weight`, { shape: [d, h], data: layer(t.w2, l, d * h) });
    m.set(`${p}mlp.up_proj.weight`, { shape: [h, d], data: layer(t.w3, l, h * d) });
  }
  m.set("model.norm.weight", { shape: [d], data: t.rmsFinal });
  writeFileSync(join(dir, "model.safetensors"), safetensorsBytes(m));
  const config = {
    architectures: ["LlamaForCausalLM"],
    model_type: "llama",
    hidden_size: d,
    intermediate_size: h,
    num_hidden_layers: L,
    num_attention_heads: heads,
    num_key_value_heads: kvHeads,
    vocab_size: f.vocab,
    max_position_embeddings: f.seqLen,
    rms_norm_eps: 1e-5,
    rope_theta: 10000,
    tie_word_embeddings: f.shared,
    torch_dtype: "float32",
  };
  writeFileSync(join(dir, "config.json"), JSON.stringify(config, null, 2));
}
