// The hand-written ONNX protobuf is checked by the real parser: onnxruntime-web loads the models
// and computes what float64 math written here says.
import { describe, expect, it } from "vitest";
import { OrtWasm } from "../src/externals/ort.js";

describe("onnx-model + onnxruntime-web", () => {
  it("Gemm(transB) equals x·Wᵀ and Softmax sums rows to 1", async () => {
    const ort = await OrtWasm.load(1);
    const M = 3, K = 5, N = 4;
    const x = Float32Array.from({ length: M * K }, (_, i) => Math.sin(i + 1));
    const w = Float32Array.from({ length: N * K }, (_, i) => Math.cos(i * 0.7));
    const op = await ort.matmul(x, w, M, K, N);
    await op.run();
    const y = await op.output();
    for (let m = 0; m < M; m++) {
      for (let n = 0; n < N; n++) {
        let s = 0;
        for (let k = 0; k < K; k++) s += x[m * K + k] * w[n * K + k];
        expect(y[m * N + n]).toBeCloseTo(s, 5);
      }
    }
    await op.dispose();

    const logits = Float32Array.from([1, 2, 3, -1, 0, 1000]);
    const sm = await ort.softmax(logits, 2, 3);
    await sm.run();
    const p = await sm.output();
    const e = [Math.exp(-2), Math.exp(-1), 1];
    const z = e[0] + e[1] + e[2];
    expect(p[0]).toBeCloseTo(e[0] / z, 6);
    expect(p[2]).toBeCloseTo(e[2] / z, 6);
    expect(p[5]).toBeCloseTo(1, 6);
    await sm.dispose();
  });
});
