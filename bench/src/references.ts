// Reference figures recorded outside the bench and quoted by it: llama2.c's run.c is not fetched or
// built here, so its decode speed on this machine class (2-core AMD EPYC, the CI class) comes from the
// bench issue. They are labelled "recorded" wherever they appear, never passed off as measured.

export interface RecordedReference {
  /** e.g. "run.c gcc -O3 (native)". */
  name: string;
  /** The checkpoint it was measured on (a model-suite case shape). */
  checkpoint: string;
  /** Decode tokens per second. */
  tokS: number;
  /** Our decode must be at least this many times faster (the target). */
  target: number;
}

export const RUN_C_REFERENCES: readonly RecordedReference[] = [
  { name: "run.c gcc -O3 (native)", checkpoint: "stories260K", tokS: 7100, target: 1.0 },
  { name: "run.c emscripten -O3 -msimd128", checkpoint: "stories260K", tokS: 2800, target: 2.0 },
];

export const REFERENCES_SOURCE = "recorded on this machine class per the bench issue, not measured in this run";
