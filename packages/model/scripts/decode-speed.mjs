// Quick decode/prefill speed check on stories260K (the full comparison lives in bench/):
//   node --experimental-wasm-relaxed-simd scripts/decode-speed.mjs
import { createKernels } from "@wasmformer/kernels";
import { readFixture } from "@wasmformer/test-fixtures";
import { loadLlama2cCheckpoint } from "../dist/index.js";

const bytes = new Uint8Array(readFixture("llama2c/stories260K.bin"));
for (const options of [{ backend: "js" }, { backend: "wasm", variant: "simd" }, { backend: "wasm", variant: "relaxed-simd" }]) {
  const kernels = await createKernels(options);
  const model = loadLlama2cCheckpoint(bytes, { kernels });
  const best = { decode: 0, prefill: 0 };
  for (let round = 0; round < 5; round++) {
    let token = 1;
    const t0 = performance.now();
    for (let pos = 0; pos < 256; pos++) {
      const logits = model.forward(token, pos);
      let b = 0;
      for (let i = 1; i < logits.length; i++) if (logits[i] > logits[b]) b = i;
      token = b;
    }
    best.decode = Math.max(best.decode, 256 / ((performance.now() - t0) / 1000));
    const prompt = Array.from({ length: 256 }, (_, i) => 3 + (i % 500));
    const t1 = performance.now();
    model.prefill(prompt, 0);
    best.prefill = Math.max(best.prefill, 256 / ((performance.now() - t1) / 1000));
  }
  console.log(`${kernels.info.backend}/${kernels.info.variant}: decode ${best.decode.toFixed(0)} tok/s, prefill ${best.prefill.toFixed(0)} tok/s (256 positions, best of 5)`);
  kernels.dispose();
}
