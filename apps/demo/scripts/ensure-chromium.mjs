#!/usr/bin/env node
// Checks that a Chromium for the browser tests exists (playwright-core never downloads one).
// Looks at $CHROMIUM_PATH, then /usr/bin/chromium; prints how to install it and exits 1 if missing.
import { existsSync } from "node:fs";

export const DEFAULT_CHROMIUM = "/usr/bin/chromium";

/** The Chromium executable the browser tests drive, or undefined. */
export function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, DEFAULT_CHROMIUM, "/usr/bin/chromium-browser"].filter(Boolean);
  return candidates.find((p) => existsSync(p));
}

export const INSTALL_HINT =
  "The demo's browser tests drive a system Chromium with playwright-core (no browser download). Install it with\n" +
  "  sudo apt-get install -y chromium        # Debian / Ubuntu (the binary is /usr/bin/chromium)\n" +
  "or point CHROMIUM_PATH at any Chromium/Chrome ≥ 114 executable, then run `pnpm --filter @wasmformer/demo test:browser`.";

if (import.meta.url === `file://${process.argv[1]}`) {
  const found = findChromium();
  if (found) {
    console.log(`chromium: ${found}`);
  } else {
    console.error(`chromium: not found (looked at ${[process.env.CHROMIUM_PATH, DEFAULT_CHROMIUM].filter(Boolean).join(", ")}).\n${INSTALL_HINT}`);
    process.exit(1);
  }
}
