import { describe, expect, it } from "vitest";
import {
  DisallowedSpecialTokenError,
  InvalidTokenIdError,
  TokenizerError,
  TokenizerFileError,
  isTokenizerError,
} from "../src/errors.js";

describe("errors", () => {
  it("InvalidTokenIdError is a RangeError and a TokenizerError naming the index and id", () => {
    const e = new InvalidTokenIdError(70000, 3, 50257);
    expect(e).toBeInstanceOf(RangeError);
    expect(e).toBeInstanceOf(TokenizerError);
    expect(isTokenizerError(e)).toBe(true);
    expect(e.code).toBe("INVALID_TOKEN_ID");
    expect(e.message).toContain("ids[3] = 70000");
    expect(e.message).toContain("50257");
  });

  it("subclass instanceof checks stay precise", () => {
    const file = new TokenizerFileError("bad rank", { file: "x.tiktoken", line: 7, field: "rank" });
    expect(file).toBeInstanceOf(TokenizerError);
    expect(file).toBeInstanceOf(TokenizerFileError);
    expect(file).not.toBeInstanceOf(DisallowedSpecialTokenError);
    expect(new InvalidTokenIdError(1, 0, 1)).not.toBeInstanceOf(TokenizerFileError);
    expect(new Error("x")).not.toBeInstanceOf(TokenizerError);
    expect(file.message).toBe("x.tiktoken, line 7, field rank: bad rank");
    expect(file.code).toBe("MALFORMED_FILE");
    expect(file.name).toBe("TokenizerFileError");
  });

  it("DisallowedSpecialTokenError names the token and where it is", () => {
    const e = new DisallowedSpecialTokenError("<|endoftext|>", 12);
    expect(e.code).toBe("DISALLOWED_SPECIAL_TOKEN");
    expect(e.message).toContain('"<|endoftext|>" at offset 12');
  });
});
