// Hugging Face checkpoints: `config.json` + `model.safetensors`, for model_type "llama" and "gpt2".
//
// llama: model.embed_tokens, model.layers.{i}.{input_layernorm, self_attn.{q,k,v,o}_proj,
//        post_attention_layernorm, mlp.{gate,up,down}_proj}, model.norm, lm_head (unless tied).
//        RoPE in the rotate-half convention (HF permutes q/k rows relative to Meta's checkpoints).
// gpt2:  [transformer.]wte, wpe, h.{i}.{ln_1, attn.c_attn (fused q|k|v), attn.c_proj, ln_2, mlp.c_fc,
//        mlp.c_proj}, ln_f. Its Linear layers are Conv1D, stored [in, out]: transposed while loading.

import { type ModelConfig, gpt2Config, kvDim, llamaConfig } from "../config.js";
import { ModelFileError } from "../errors.js";
import { Transformer } from "../transformer.js";
import { type WeightName, allocateWeights, elementCount } from "../weights.js";
import { type LoadOptions, checkMemory } from "./llama2c.js";
import { SafetensorsFile } from "./safetensors.js";

type Json = Record<string, unknown>;

function int(cfg: Json, file: string, key: string, fallback?: number): number {
  const v = cfg[key] ?? fallback;
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v <= 0) throw new ModelFileError(file, `must be a positive integer, got ${JSON.stringify(cfg[key])}`, { field: key });
  return v;
}

function num(cfg: Json, file: string, key: string, fallback: number): number {
  const v = cfg[key] ?? fallback;
  if (typeof v !== "number" || !(v > 0)) throw new ModelFileError(file, `must be a positive number, got ${JSON.stringify(cfg[key])}`, { field: key });
  return v;
}

/** ModelConfig from the text or object of a Hugging Face config.json. */
export function readHuggingFaceConfig(source: string | object, file = "config.json"): ModelConfig {
  let cfg: Json;
  try {
    cfg = (typeof source === "string" ? JSON.parse(source) : source) as Json;
  } catch (error) {
    throw new ModelFileError(file, `not valid JSON (${(error as Error).message})`);
  }
  const type = cfg.model_type;
  if (type === "llama") {
    const heads = int(cfg, file, "num_attention_heads");
    return llamaConfig({
      dim: int(cfg, file, "hidden_size"),
      hiddenDim: int(cfg, file, "intermediate_size"),
      layers: int(cfg, file, "num_hidden_layers"),
      heads,
      kvHeads: int(cfg, file, "num_key_value_heads", heads),
      vocabSize: int(cfg, file, "vocab_size"),
      maxSeqLen: int(cfg, file, "max_position_embeddings"),
      normEps: num(cfg, file, "rms_norm_eps", 1e-6),
      ropeTheta: num(cfg, file, "rope_theta", 10000),
      ropeStyle: "half",
      tiedEmbeddings: cfg.tie_word_embeddings === true,
    });
  }
  if (type === "gpt2") {
    const dim = int(cfg, file, "n_embd");
    const inner = cfg.n_inner;
    return gpt2Config({
      dim,
      hiddenDim: inner === null || inner === undefined ? 4 * dim : int(cfg, file, "n_inner"),
      layers: int(cfg, file, "n_layer"),
      heads: int(cfg, file, "n_head"),
      vocabSize: int(cfg, file, "vocab_size"),
      maxSeqLen: int(cfg, file, "n_positions"),
      normEps: num(cfg, file, "layer_norm_epsilon", 1e-5),
    });
  }
  throw new ModelFileError(file, `model_type ${JSON.stringify(type)} is not supported (llama, gpt2)`, { field: "model_type" });
}

export interface HuggingFaceFiles {
  /** config.json as text or parsed. */
  config: string | object;
  /** model.safetensors bytes. */
  safetensors: Uint8Array;
}

/** Loads config.json + model.safetensors into the kernels heap and returns a ready Transformer. */
export function loadHuggingFaceCheckpoint(files: HuggingFaceFiles, options: LoadOptions): Transformer {
  const config = readHuggingFaceConfig(files.config);
  checkMemory(config, options);
  const st = new SafetensorsFile(files.safetensors, options.file ?? "model.safetensors");
  const fill = config.norm === "rms" ? llamaFiller(st, config) : gpt2Filler(st, config);
  // Check every tensor's presence and shape before allocating (fill in dry-run mode).
  fill(null);
  const { weights, owned } = allocateWeights(options.kernels, config, (spec) => {
    // Widened to f32 (and GPT-2's Conv1D transposed) into one staging array per weight kind.
    const target = new Float32Array(elementCount(spec.shape));
    fill({ name: spec.name, target });
    return target;
  });
  return new Transformer(options.kernels, config, weights, owned, options);
}

type Fill = (job: { name: WeightName; target: Float32Array } | null) => void;

function llamaFiller(st: SafetensorsFile, c: ModelConfig): Fill {
  const d = c.dim;
  const kv = kvDim(c);
  const h = c.hiddenDim;
  const perLayer: Partial<Record<WeightName, [string, number[]]>> = {
    attnNorm: ["input_layernorm.weight", [d]],
    wq: ["self_attn.q_proj.weight", [d, d]],
    wk: ["self_attn.k_proj.weight", [kv, d]],
    wv: ["self_attn.v_proj.weight", [kv, d]],
    wo: ["self_attn.o_proj.weight", [d, d]],
    ffnNorm: ["post_attention_layernorm.weight", [d]],
    w1: ["mlp.gate_proj.weight", [h, d]],
    w3: ["mlp.up_proj.weight", [h, d]],
    w2: ["mlp.down_proj.weight", [d, h]],
  };
  const global: Partial<Record<WeightName, [string, number[]]>> = {
    tokenEmbedding: ["model.embed_tokens.weight", [c.vocabSize, d]],
    finalNorm: ["model.norm.weight", [d]],
    classifier: ["lm_head.weight", [c.vocabSize, d]],
  };
  return (job) => {
    const names = job ? [job.name] : (Object.keys({ ...perLayer, ...global }) as WeightName[]).filter((n) => n !== "classifier" || !c.tiedEmbeddings);
    for (const name of names) {
      const g = global[name];
      if (g) {
        const t = st.get(g[0], g[1]);
        if (job) st.copyInto(job.target, 0, t);
        continue;
      }
      const [suffix, shape] = perLayer[name]!;
      let at = 0;
      for (let l = 0; l < c.layers; l++) {
        const t = st.get(`model.layers.${l}.${suffix}`, shape);
        if (job) at += st.copyInto(job.target, at, t);
      }
    }
  };
}

function gpt2Filler(st: SafetensorsFile, c: ModelConfig): Fill {
  const d = c.dim;
  const h = c.hiddenDim;
  const prefix = st.tensors.has("transformer.wte.weight") ? "transformer." : "";
  const name = (n: string): string => prefix + n;
  // [tensor suffix, source shape, columns of the source to take, transpose]
  type Part = [string, number[], [number, number] | undefined, boolean];
  const perLayer: Partial<Record<WeightName, Part>> = {
    attnNorm: ["ln_1.weight", [d], undefined, false],
    attnNormBias: ["ln_1.bias", [d], undefined, false],
    wq: ["attn.c_attn.weight", [d, 3 * d], [0, d], true],
    wk: ["attn.c_attn.weight", [d, 3 * d], [d, 2 * d], true],
    wv: ["attn.c_attn.weight", [d, 3 * d], [2 * d, 3 * d], true],
    bq: ["attn.c_attn.bias", [3 * d], [0, d], false],
    bk: ["attn.c_attn.bias", [3 * d], [d, 2 * d], false],
    bv: ["attn.c_attn.bias", [3 * d], [2 * d, 3 * d], false],
    wo: ["attn.c_proj.weight", [d, d], undefined, true],
    bo: ["attn.c_proj.bias", [d], undefined, false],
    ffnNorm: ["ln_2.weight", [d], undefined, false],
    ffnNormBias: ["ln_2.bias", [d], undefined, false],
    w1: ["mlp.c_fc.weight", [d, h], undefined, true],
    b1: ["mlp.c_fc.bias", [h], undefined, false],
    w2: ["mlp.c_proj.weight", [h, d], undefined, true],
    b2: ["mlp.c_proj.bias", [d], undefined, false],
  };
  const global: Partial<Record<WeightName, [string, number[]]>> = {
    tokenEmbedding: ["wte.weight", [c.vocabSize, d]],
    positionEmbedding: ["wpe.weight", [c.maxSeqLen, d]],
    finalNorm: ["ln_f.weight", [d]],
    finalNormBias: ["ln_f.bias", [d]],
  };
  return (job) => {
    const names = job ? [job.name] : (Object.keys({ ...perLayer, ...global }) as WeightName[]);
    for (const n of names) {
      const g = global[n];
      if (g) {
        const t = st.get(name(g[0]), g[1]);
        if (job) st.copyInto(job.target, 0, t);
        continue;
      }
      const [suffix, shape, columns, transpose] = perLayer[n]!;
      let at = 0;
      for (let l = 0; l < c.layers; l++) {
        const t = st.get(name(`h.${l}.${suffix}`), shape);
        if (job) at += st.copyInto(job.target, at, t, { transpose, ...(columns ? { columns } : {}) });
      }
    }
  };
}
