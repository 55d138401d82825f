// HF GPT2LMHeadModel's forward pass in float64, from transformers' modeling_gpt2: learned positions,
// pre-LayerNorm blocks with biases, Conv1D [in, out] weights, gelu_new, classifier tied to wte.
import { attend, conv1d, geluTanh, layernorm, linear } from "./reference-math.js";

/** Logits [tokens.length][vocab] for every position; tensor names are `prefix` + GPT-2's. */
export function gpt2Reference(tensors, s, tokens, prefix = "") {
  const cache = new Map();
  const g = (n) => {
    let v = cache.get(n);
    if (v === undefined) {
      const t = tensors.get(prefix + n);
      if (t === undefined) throw new Error(`gpt2Reference: no tensor ${prefix + n}`);
      cache.set(n, (v = Array.from(t.data)));
    }
    return v;
  };
  const hd = s.dim / s.heads;
  const keys = Array.from({ length: s.layers }, () => []);
  const values = Array.from({ length: s.layers }, () => []);
  return tokens.map((tok, pos) => {
    let x = g("wte.weight").slice(tok * s.dim, (tok + 1) * s.dim).map((v, i) => v + g("wpe.weight")[pos * s.dim + i]);
    for (let l = 0; l < s.layers; l++) {
      const p = `h.${l}.`;
      const h = layernorm(x, g(`${p}ln_1.weight`), g(`${p}ln_1.bias`), s.eps);
      const qkv = conv1d(g(`${p}attn.c_attn.weight`), h, 3 * s.dim, g(`${p}attn.c_attn.bias`));
      keys[l].push(qkv.slice(s.dim, 2 * s.dim));
      values[l].push(qkv.slice(2 * s.dim));
      const att = attend(qkv.slice(0, s.dim), keys[l], values[l], s.heads, s.heads, hd);
      const o = conv1d(g(`${p}attn.c_proj.weight`), att, s.dim, g(`${p}attn.c_proj.bias`));
      x = x.map((v, i) => v + o[i]);
      const h2 = layernorm(x, g(`${p}ln_2.weight`), g(`${p}ln_2.bias`), s.eps);
      const m = conv1d(g(`${p}mlp.c_fc.weight`), h2, s.inner, g(`${p}mlp.c_fc.bias`)).map(geluTanh);
      const out = conv1d(g(`${p}mlp.c_proj.weight`), m, s.dim, g(`${p}mlp.c_proj.bias`));
      x = x.map((v, i) => v + out[i]);
    }
    const xf = layernorm(x, g("ln_f.weight"), g("ln_f.bias"), s.eps);
    return linear(g("wte.weight"), xf, s.vocab);
  });
}
