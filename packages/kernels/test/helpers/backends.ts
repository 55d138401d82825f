// The backends/variants every kernel test runs on. Each test file does
// `describe.each(backendCases)(...)`, creating its own instance from `options`.

import type { KernelsOptions } from "../../src/api.js";

export interface BackendCase {
  name: string;
  options: KernelsOptions;
}

export const backendCases: BackendCase[] = [{ name: "js", options: { backend: "js" } }];
