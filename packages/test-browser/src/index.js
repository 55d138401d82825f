// The one place browser tests find a headless Chromium, so they run on a machine that has only
// Node and npm: $CHROMIUM_PATH, then a system Chromium (Debian's package), then the binary that the
// @sparticuz/chromium npm package ships inside its tarball (brotli-packed; unpacked to the OS temp
// directory on first use). Nothing is downloaded at test time.
import { existsSync } from "node:fs";

const SYSTEM_CHROMIUMS = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

/** @returns {Promise<import("./index.js").ChromiumExecutable>} */
export async function chromiumExecutable() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH is ${fromEnv}, which does not exist`);
    return { path: fromEnv, source: "CHROMIUM_PATH" };
  }
  const system = SYSTEM_CHROMIUMS.find((p) => existsSync(p));
  if (system) return { path: system, source: "system" };
  const { default: packaged } = await import("@sparticuz/chromium");
  return { path: await packaged.executablePath(), source: "@sparticuz/chromium" };
}

/** Flags for headless runs here: root needs no sandbox; the closed network must not be probed. */
export const CHROMIUM_ARGS = Object.freeze([
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
]);
