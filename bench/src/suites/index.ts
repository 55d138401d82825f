// Every suite, in run order. The bandwidth probe runs first so the GEMV targets can use it.
import type { Suite } from "../types.js";
import { attentionSuite } from "./attention.js";
import { bandwidthSuite } from "./bandwidth.js";
import { matmulSuite } from "./matmul.js";
import { modelSuite } from "./model.js";
import { normSuite } from "./norm.js";
import { ropeSuite } from "./rope.js";
import { softmaxSuite } from "./softmax.js";
import { tokenizerSuite } from "./tokenizer.js";

export const SUITES: readonly Suite[] = [bandwidthSuite, matmulSuite, softmaxSuite, attentionSuite, normSuite, ropeSuite, tokenizerSuite, modelSuite];
