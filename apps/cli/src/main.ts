#!/usr/bin/env node
import { runCli } from "./cli.js";
import { collectGarbageBeforeExit } from "./exit-gc.js";

// `wasmformer tokenize … | head`: when the reader closes the pipe, stop quietly (like other Unix
// tools) instead of printing an EPIPE stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    throw error;
  });
}

const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
});
collectGarbageBeforeExit();
process.exitCode = code;
