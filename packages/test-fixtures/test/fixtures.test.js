import { describe, expect, it } from "vitest";
import { FIXTURE_SHA256, fixtureSha256, fixturePath } from "../src/index.js";

describe("shared fixtures", () => {
  for (const [name, sha] of Object.entries(FIXTURE_SHA256)) {
    it(`${name} matches its published sha256`, () => {
      expect(fixtureSha256(name)).toBe(sha);
    });
  }

  it("names the missing file and the env var when a fixture is absent", () => {
    expect(() => fixturePath("llama2c/no-such-file.bin")).toThrow(/no-such-file\.bin.*WASMFORMER_FIXTURES/s);
  });
});
