// The Hugging Face llama checkpoint layout (LlamaForCausalLM's state-dict names and shapes, PyTorch
// Linear weights [out, in]) and its config.json, from transformers' modeling_llama / LlamaConfig.

/** Tensor names, shapes and roles in the order the tests write them. */
export function hfLlamaTensorSpecs(s) {
  const kv = (s.dim / s.heads) * s.kvHeads;
  const specs = [{ name: "model.embed_tokens.weight", shape: [s.vocab, s.dim], role: "embedding" }];
  for (let l = 0; l < s.layers; l++) {
    const p = `model.layers.${l}.`;
    specs.push(
      { name: `${p}input_layernorm.weight`, shape: [s.dim], role: "norm" },
      { name: `${p}self_attn.q_proj.weight`, shape: [s.dim, s.dim], role: "weight" },
      { name: `${p}self_attn.k_proj.weight`, shape: [kv, s.dim], role: "weight" },
      { name: `${p}self_attn.v_proj.weight`, shape: [kv, s.dim], role: "weight" },
      { name: `${p}self_attn.o_proj.weight`, shape: [s.dim, s.dim], role: "weight" },
      { name: `${p}post_attention_layernorm.weight`, shape: [s.dim], role: "norm" },
      { name: `${p}mlp.gate_proj.weight`, shape: [s.hidden, s.dim], role: "weight" },
      { name: `${p}mlp.up_proj.weight`, shape: [s.hidden, s.dim], role: "weight" },
      { name: `${p}mlp.down_proj.weight`, shape: [s.dim, s.hidden], role: "weight" },
    );
  }
  specs.push({ name: "model.norm.weight", shape: [s.dim], role: "norm" });
  if (!s.tied) specs.push({ name: "lm_head.weight", shape: [s.vocab, s.dim], role: "weight" });
  return specs;
}

/** config.json's fields for this shape, then `extra` (e.g. architectures, torch_dtype). */
export function hfLlamaConfig(s, extra = {}) {
  return {
    model_type: "llama",
    hidden_size: s.dim,
    intermediate_size: s.hidden,
    num_hidden_layers: s.layers,
    num_attention_heads: s.heads,
    num_key_value_heads: s.kvHeads,
    vocab_size: s.vocab,
    max_position_embeddings: s.seqLen,
    rms_norm_eps: s.eps,
    rope_theta: s.theta,
    tie_word_embeddings: s.tied,
    ...extra,
  };
}
