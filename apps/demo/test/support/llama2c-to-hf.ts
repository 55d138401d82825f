// Test support: a llama2.c checkpoint rewritten as a Hugging Face llama folder (config.json +
// model.safetensors, F32), the way llama2.c's export.py and HF's convert_llama_weights_to_hf.py do it.
// The weights are the same numbers, so the folder must generate exactly what run.c prints for the
// original: an independent reference for the page's safetensors path. Written from the formats'
// documentation (llama2.c's README / run.c, the safetensors spec), not from the packages under test.

/** The 7 int32 header fields of a llama2.c checkpoint. */
interface Header {
  dim: number;
  hidden: number;
  layers: number;
  heads: number;
  kvHeads: number;
  vocab: number;
  seq: number;
  shared: boolean;
}

function readHeader(bytes: Uint8Array): Header {
  const v = new DataView(bytes.buffer, bytes.byteOffset, 28);
  const f = (i: number) => v.getInt32(i * 4, true);
  return { dim: f(0), hidden: f(1), layers: f(2), heads: f(3), kvHeads: f(4), vocab: Math.abs(f(5)), seq: f(6), shared: f(5) > 0 };
}

/**
 * Meta/llama2.c keep RoPE pairs interleaved (2i, 2i+1) in each head's rows of wq and wk; HF keeps them
 * half-split (i, i + head/2). HF row j of a head is llama2.c row 2j (j < head/2) or 2(j - head/2) + 1.
 */
function toHalfSplit(w: Float32Array, heads: number, rowsPerHead: number, cols: number): Float32Array {
  const out = new Float32Array(w.length);
  const half = rowsPerHead / 2;
  for (let h = 0; h < heads; h++)
    for (let j = 0; j < rowsPerHead; j++) {
      const src = h * rowsPerHead + (j < half ? 2 * j : 2 * (j - half) + 1);
      out.set(w.subarray(src * cols, (src + 1) * cols), (h * rowsPerHead + j) * cols);
    }
  return out;
}

/** safetensors: u64 header length, JSON header {name: {dtype, shape, data_offsets}}, then the raw data. */
export function writeSafetensors(tensors: Map<string, { shape: number[]; data: Float32Array }>): Uint8Array {
  const header: Record<string, unknown> = { __metadata__: { format: "pt" } };
  let offset = 0;
  for (const [name, t] of tensors) {
    header[name] = { dtype: "F32", shape: t.shape, data_offsets: [offset, offset + 4 * t.data.length] };
    offset += 4 * t.data.length;
  }
  let json = JSON.stringify(header);
  json += " ".repeat((8 - ((8 + json.length) % 8)) % 8); // data starts 8-byte aligned (the spec allows space padding)
  const head = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + head.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(head.length), true);
  out.set(head, 8);
  let p = 8 + head.length;
  for (const t of tensors.values()) {
    out.set(new Uint8Array(t.data.buffer, t.data.byteOffset, 4 * t.data.length), p);
    p += 4 * t.data.length;
  }
  return out;
}

export function llama2cToHuggingFace(bytes: Uint8Array): { config: string; safetensors: Uint8Array } {
  const c = readHeader(bytes);
  const hd = c.dim / c.heads;
  const kv = hd * c.kvHeads;
  const floats = new Float32Array(bytes.slice(28).buffer);
  let at = 0;
  const take = (n: number): Float32Array => floats.subarray(at, (at += n));
  const L = c.layers;
  // run.c's order: embedding, rms_att, wq, wk, wv, wo, rms_ffn, w1, w2, w3, rms_final, freq_cis (legacy), wcls.
  const embedding = take(c.vocab * c.dim);
  const rmsAtt = take(L * c.dim);
  const wq = take(L * c.dim * c.dim);
  const wk = take(L * kv * c.dim);
  const wv = take(L * kv * c.dim);
  const wo = take(L * c.dim * c.dim);
  const rmsFfn = take(L * c.dim);
  const w1 = take(L * c.hidden * c.dim);
  const w2 = take(L * c.dim * c.hidden);
  const w3 = take(L * c.hidden * c.dim);
  const rmsFinal = take(c.dim);
  take(c.seq * hd); // freq_cis_real, freq_cis_imag
  const wcls = c.shared ? undefined : take(c.vocab * c.dim);

  const tensors = new Map<string, { shape: number[]; data: Float32Array }>();
  const layer = (all: Float32Array, l: number, rows: number, cols: number) => all.subarray(l * rows * cols, (l + 1) * rows * cols);
  tensors.set("model.embed_tokens.weight", { shape: [c.vocab, c.dim], data: embedding });
  for (let l = 0; l < L; l++) {
    const p = `model.layers.${l}.`;
    tensors.set(`${p}input_layernorm.weight`, { shape: [c.dim], data: layer(rmsAtt, l, 1, c.dim) });
    tensors.set(`${p}self_attn.q_proj.weight`, { shape: [c.dim, c.dim], data: toHalfSplit(layer(wq, l, c.dim, c.dim), c.heads, hd, c.dim) });
    tensors.set(`${p}self_attn.k_proj.weight`, { shape: [kv, c.dim], data: toHalfSplit(layer(wk, l, kv, c.dim), c.kvHeads, hd, c.dim) });
    tensors.set(`${p}self_attn.v_proj.weight`, { shape: [kv, c.dim], data: layer(wv, l, kv, c.dim) });
    tensors.set(`${p}self_attn.o_proj.weight`, { shape: [c.dim, c.dim], data: layer(wo, l, c.dim, c.dim) });
    tensors.set(`${p}post_attention_layernorm.weight`, { shape: [c.dim], data: layer(rmsFfn, l, 1, c.dim) });
    tensors.set(`${p}mlp.gate_proj.weight`, { shape: [c.hidden, c.dim], data: layer(w1, l, c.hidden, c.dim) });
    tensors.set(`${p}mlp.down_proj.weight`, { shape: [c.dim, c.hidden], data: layer(w2, l, c.dim, c.hidden) });
    tensors.set(`${p}mlp.up_proj.weight`, { shape: [c.hidden, c.dim], data: layer(w3, l, c.hidden, c.dim) });
  }
  tensors.set("model.norm.weight", { shape: [c.dim], data: rmsFinal });
  if (wcls) tensors.set("lm_head.weight", { shape: [c.vocab, c.dim], data: wcls });
  const config = {
    architectures: ["LlamaForCausalLM"],
    model_type: "llama",
    hidden_size: c.dim,
    intermediate_size: c.hidden,
    num_hidden_layers: L,
    num_attention_heads: c.heads,
    num_key_value_heads: c.kvHeads,
    vocab_size: c.vocab,
    max_position_embeddings: c.seq,
    rms_norm_eps: 1e-5,
    rope_theta: 10000,
    tie_word_embeddings: c.shared,
    torch_dtype: "float32",
  };
  return { config: JSON.stringify(config, null, 2), safetensors: writeSafetensors(tensors) };
}
