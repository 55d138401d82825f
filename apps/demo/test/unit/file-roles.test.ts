import { readFixture } from "@wasmformer/test-fixtures";
import { describe, expect, it } from "vitest";
import { demoModelFiles } from "../../src/logic/demo-model.js";
import { llama2cRole } from "../../src/logic/file-roles.js";

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
