import { readFixture } from "@wasmformer/test-fixtures";
import { describe, expect, it } from "vitest";
import { demoModelFiles } from "../../src/logic/demo-model.js";
import { huggingFaceFolder, llama2cRole } from "../../src/logic/file-roles.js";

const role = (name: string, bytes: Uint8Array) => llama2cRole(name, bytes.subarray(0, 28), bytes.length);

describe("llama2cRole", () => {
  it("tells llama2.c checkpoints from tokenizer files by content, whatever their names", () => {
    expect(role("stories260K.bin", readFixture("llama2c/stories260K.bin"))).toBe("checkpoint");
    expect(role("model.bin", readFixture("llama2c/tok512.bin"))).toBe("tokenizer");
    expect(role("x.bin", readFixture("llama2c/tokenizer.bin"))).toBe("tokenizer");
    const demo = demoModelFiles(1);
    expect(role("a.bin", new Uint8Array(demo.checkpoint))).toBe("checkpoint");
    expect(role("b.bin", new Uint8Array(demo.tokenizer))).toBe("tokenizer");
  });

  it("calls a truncated checkpoint (header promising more than the file holds) not a checkpoint", () => {
    const ckpt = readFixture("llama2c/stories260K.bin");
    expect(role("s.bin", ckpt.subarray(0, 1000))).toBe("unknown");
  });

  it("classifies other tokenizer formats by extension and refuses the rest", () => {
    expect(role("tokenizer.model", readFixture("llama2c/tokenizer.model"))).toBe("tokenizer");
    expect(role("tokenizer.json", new TextEncoder().encode("{}"))).toBe("tokenizer");
    expect(role("notes.txt", new Uint8Array(40))).toBe("unknown");
    expect(role("tiny.bin", new Uint8Array(4))).toBe("unknown");
    expect(role("zeros.bin", new Uint8Array(64))).toBe("unknown");
  });
});

describe("huggingFaceFolder", () => {
  it("picks config.json, model.safetensors and tokenizer.json from a folder, ignoring the rest", () => {
    const names = ["gpt2/generation_config.json", "gpt2/tokenizer_config.json", "gpt2/model.safetensors", "gpt2/config.json", "gpt2/vocab.json", "gpt2/tokenizer.json", "gpt2/merges.txt"];
    expect(huggingFaceFolder(names)).toEqual({ config: 3, safetensors: 2, tokenizer: 5, problems: [] });
  });

  it("prefers tokenizer.json, then a SentencePiece .model, then a llama2.c tokenizer .bin", () => {
    expect(huggingFaceFolder(["config.json", "m.safetensors", "tok512.bin", "tokenizer.model"]).tokenizer).toBe(3);
    expect(huggingFaceFolder(["config.json", "m.safetensors", "tok512.bin"])).toEqual({ config: 0, safetensors: 1, tokenizer: 2, problems: [] });
  });

  it("names what is missing, and refuses sharded checkpoints", () => {
    expect(huggingFaceFolder(["tokenizer.json"]).problems).toEqual(["no config.json", "no model.safetensors"]);
    const sharded = huggingFaceFolder(["config.json", "model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors", "tokenizer.json"]);
    expect(sharded.safetensors).toBeUndefined();
    expect(sharded.problems).toEqual(["2 .safetensors files (sharded checkpoints are not supported; one model.safetensors is)"]);
    expect(huggingFaceFolder(["config.json", "model.safetensors"]).problems).toEqual(["no tokenizer (tokenizer.json, tokenizer.model or tokenizer.bin)"]);
  });
});
