/** An HF folder's files, in memory. */
export interface HfFolderFiles {
  /** config.json's text. */
  config: string;
  /** model.safetensors' bytes. */
  safetensors: Uint8Array;
}

/** Creates `dir` (and its parents) and writes config.json and model.safetensors into it. */
export declare function writeHfFolder(dir: string, files: HfFolderFiles): void;
