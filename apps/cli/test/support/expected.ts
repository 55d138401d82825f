// The expected stdout of llama2.c's `./run stories260K.bin -z tok512.bin -t 0.0 -n 200`, as the
// fixtures README quotes it from upstream's test_all.py (ends with the newline run.c prints).
import { readFixture } from "@wasmformer/test-fixtures";

export function expectedGreedy(): string {
  const readme = new TextDecoder().decode(readFixture("llama2c/README.md"));
  const block = /llama2\.c's `run\.c` with `\.\/run stories260K\.bin -z tok512\.bin -t 0\.0 -n 200`[\s\S]*?```\n([\s\S]*?)```/.exec(readme);
  if (!block) throw new Error("expected output block not found in llama2c/README.md");
  return block[1]!;
}
