// A llama2.c checkpoint rewritten as a Hugging Face llama folder (config.json + F32 model.safetensors),
// the way llama2.c's export.py and transformers' convert_llama_weights_to_hf.py do it: HF tensor names,
// and the rows of wq/wk permuted from Meta's interleaved RoPE pairs to HF's rotate-half order. The
// weights are the same numbers, so the folder must generate exactly what run.c prints for the original.
import { hfLlamaConfig, hfLlamaTensorSpecs } from "./hf-llama.js";
import { safetensorsBytes } from "./safetensors.js";
import { tensorMap } from "./tensor-specs.js";

/**
 * convert_llama_weights_to_hf's permute(): llama2.c keeps each head's RoPE pairs in adjacent rows
 * (2i, 2i+1), HF in the two halves (i, i + head_size/2). Within each head, row 2i+j moves to
 * j·(head_size/2) + i. `w` is [heads·headSize, cols].
 */
export function ropeRowsToHalfSplit(w, heads, cols) {
  const hs = w.length / cols / heads;
  const out = new Float32Array(w.length);
  for (let h = 0; h < heads; h++)
    for (let r = 0; r < hs; r++) {
      const to = h * hs + (r % 2) * (hs / 2) + Math.floor(r / 2);
      out.set(w.subarray((h * hs + r) * cols, (h * hs + r + 1) * cols), to * cols);
    }
  return out;
}

/** The HF llama tensors (F32, layout order) holding a llama2.c file's weights. */
export function hfLlamaTensorsFromLlama2c(f) {
  const { dim: d, hidden: h, heads, kvHeads } = f;
  const kv = (d / heads) * kvHeads;
  const t = f.tensors;
  const layer = (w, l, n) => w.subarray(l * n, (l + 1) * n);
  const byName = (name) => {
    if (name === "model.embed_tokens.weight") return t.emb;
    if (name === "model.norm.weight") return t.rmsFinal;
    if (name === "lm_head.weight") return f.wcls;
    const m = /^model\.layers\.(\d+)\.(.+)$/.exec(name);
    const l = Number(m[1]);
    switch (m[2]) {
      case "input_layernorm.weight":
        return layer(t.rmsAtt, l, d);
      case "self_attn.q_proj.weight":
        return ropeRowsToHalfSplit(layer(t.wq, l, d * d), heads, d);
      case "self_attn.k_proj.weight":
        return ropeRowsToHalfSplit(layer(t.wk, l, kv * d), kvHeads, d);
      case "self_attn.v_proj.weight":
        return layer(t.wv, l, kv * d);
      case "self_attn.o_proj.weight":
        return layer(t.wo, l, d * d);
      case "post_attention_layernorm.weight":
        return layer(t.rmsFfn, l, d);
      case "mlp.gate_proj.weight":
        return layer(t.w1, l, h * d);
      case "mlp.down_proj.weight":
        return layer(t.w2, l, d * h);
      case "mlp.up_proj.weight":
        return layer(t.w3, l, h * d);
    }
    throw new Error(`hfLlamaTensorsFromLlama2c: no llama2.c tensor for ${name}`);
  };
  return tensorMap(hfLlamaTensorSpecs(llama2cHfShape(f)), (spec) => byName(spec.name));
}

function llama2cHfShape(f) {
  return { dim: f.dim, hidden: f.hidden, layers: f.layers, heads: f.heads, kvHeads: f.kvHeads, vocab: f.vocab, seqLen: f.seqLen, theta: 10000, eps: 1e-5, tied: f.shared };
}

/**
 * The folder's two files: config.json (LlamaForCausalLM, rope_theta 10000 and rms_norm_eps 1e-5 as
 * run.c computes, float32) and model.safetensors (F32, data 8-byte aligned as the reference writer does).
 */
export function hfLlamaFromLlama2c(f) {
  const config = hfLlamaConfig(llama2cHfShape(f), { architectures: ["LlamaForCausalLM"], torch_dtype: "float32" });
  return { config: JSON.stringify(config, null, 2), safetensors: safetensorsBytes(hfLlamaTensorsFromLlama2c(f), { align: true }) };
}
