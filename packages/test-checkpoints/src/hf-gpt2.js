// The Hugging Face GPT-2 checkpoint layout (GPT2Model's state-dict names and shapes, Conv1D weights
// [in, out], optional "transformer." prefix as GPT2LMHeadModel saves it, classifier tied to wte) and its
// config.json, from transformers' modeling_gpt2 / GPT2Config.

/** Tensor names, shapes and roles in state-dict order. `inner` defaults to 4·dim. */
export function hfGpt2TensorSpecs(s, prefix = "") {
  const d = s.dim;
  const inner = s.inner ?? 4 * d;
  const specs = [
    { name: `${prefix}wte.weight`, shape: [s.vocab, d], role: "embedding" },
    { name: `${prefix}wpe.weight`, shape: [s.positions, d], role: "positions" },
  ];
  for (let l = 0; l < s.layers; l++) {
    const p = `${prefix}h.${l}.`;
    specs.push(
      { name: `${p}ln_1.weight`, shape: [d], role: "norm" },
      { name: `${p}ln_1.bias`, shape: [d], role: "bias" },
      { name: `${p}attn.c_attn.weight`, shape: [d, 3 * d], role: "weight" },
      { name: `${p}attn.c_attn.bias`, shape: [3 * d], role: "bias" },
      { name: `${p}attn.c_proj.weight`, shape: [d, d], role: "weight" },
      { name: `${p}attn.c_proj.bias`, shape: [d], role: "bias" },
      { name: `${p}ln_2.weight`, shape: [d], role: "norm" },
      { name: `${p}ln_2.bias`, shape: [d], role: "bias" },
      { name: `${p}mlp.c_fc.weight`, shape: [d, inner], role: "weight" },
      { name: `${p}mlp.c_fc.bias`, shape: [inner], role: "bias" },
      { name: `${p}mlp.c_proj.weight`, shape: [inner, d], role: "weight" },
      { name: `${p}mlp.c_proj.bias`, shape: [d], role: "bias" },
    );
  }
  specs.push({ name: `${prefix}ln_f.weight`, shape: [d], role: "norm" }, { name: `${prefix}ln_f.bias`, shape: [d], role: "bias" });
  return specs;
}

/** config.json's fields for this shape (n_inner null when `inner` is not given: 4·n_embd), then `extra`. */
export function hfGpt2Config(s, extra = {}) {
  return { model_type: "gpt2", n_embd: s.dim, n_inner: s.inner ?? null, n_layer: s.layers, n_head: s.heads, vocab_size: s.vocab, n_positions: s.positions, ...extra };
}
