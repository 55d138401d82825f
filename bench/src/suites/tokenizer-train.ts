// BPE training speed: @wasmformer/tokenizer's trainBpe (byte-level, cl100k pre-tokenizer) learning an
// 8 000-token vocabulary from a generated corpus (text.ts: made-up Zipf-distributed words, nothing
// third-party) against SentencePiece's `spm_train --model_type=bpe` on the same text, written to a
// temporary file. Both read the same lines; the figure is MB/s of corpus, the median time is the
// wall time of one whole training run. spm_train missing from PATH = a note, not a failure.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { trainingCorpus } from "../text.js";
import type { BenchCase, Impl } from "../types.js";
import { findOnPath, runSpmTrain, spmVersion } from "./spm-train.js";

export const TRAIN_VOCAB = 8000;

type TrainBpe = typeof import("@wasmformer/tokenizer").trainBpe;

export function trainingCase(trainBpe: TrainBpe, megabytes: number, quick: boolean): BenchCase {
  const bytes = megabytes * 1_000_000;
  return {
    suite: "tokenizer",
    id: `tokenizer train bpe vocab=${TRAIN_VOCAB} ${megabytes}MB`,
    group: "train",
    shape: `${megabytes} MB`,
    work: { textBytes: bytes },
    metric: "MB/s",
    quick,
    // A training run takes seconds: a few samples, no warm-up beyond the first (checked) run.
    timing: { timeMs: 0, minSamples: 3, warmupSamples: 0, warmupMs: 0, targetSampleMs: 0 },
    async prepare() {
      const text = trainingCorpus(17, bytes);
      this.work.textBytes = Buffer.byteLength(text);
      const lines = text.split("\n");
      const dir = mkdtempSync(join(tmpdir(), "wasmformer-bench-train-"));
      const corpus = join(dir, "corpus.txt");
      writeFileSync(corpus, text);
      const notes: string[] = [];
      let ours = 0;
      const impls: Impl[] = [
        {
          name: "wasmformer",
          kind: "js",
          threads: 1,
          run: () => void (ours = trainBpe(lines, { vocabSize: TRAIN_VOCAB }).vocabSize),
          extras: () => ({ vocab: ours }),
        },
      ];
      const spm = findOnPath("spm_train");
      if (spm === undefined) {
        notes.push("spm_train: not measured — not on PATH (Debian/Ubuntu: apt-get install sentencepiece)");
      } else {
        let vocab = 0;
        impls.push({
          name: "spm_train",
          kind: "external",
          threads: 1,
          run: () => void (vocab = runSpmTrain(spm, corpus, join(dir, "spm"), TRAIN_VOCAB)),
          extras: () => ({ vocab }),
        });
        notes.push(`spm_train: ${spmVersion(spm)} (${spm}), --model_type=bpe --vocab_size=${TRAIN_VOCAB}, timed as a child process (its start-up included)`);
      }
      return { impls, notes, dispose: () => rmSync(dir, { recursive: true, force: true }) };
    },
  };
}
