/** Where the Chromium came from: the CHROMIUM_PATH variable, a system install, or the npm package. */
export type ChromiumSource = "CHROMIUM_PATH" | "system" | "@sparticuz/chromium";

export interface ChromiumExecutable {
  path: string;
  source: ChromiumSource;
}

/**
 * A headless Chromium for playwright-core's `executablePath`: $CHROMIUM_PATH if set (it must exist),
 * else /usr/bin/chromium or /usr/bin/chromium-browser, else the binary inside the @sparticuz/chromium
 * npm package (unpacked once into the OS temp directory). Never downloads anything.
 */
export declare function chromiumExecutable(): Promise<ChromiumExecutable>;

/** Launch flags every browser test uses (headless as root, no background network traffic). */
export declare const CHROMIUM_ARGS: readonly string[];
