/** Exit codes: 0 ok, 1 runtime error, 2 usage error. */
export const EXIT_OK = 0;
export const EXIT_RUNTIME = 1;
export const EXIT_USAGE = 2;

/** Bad command line: unknown flag, missing value, wrong type. Exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
  constructor(message: string, readonly command?: string) {
    super(message);
  }
}

/** A failure while doing the work (missing file, bad checkpoint). Exit code 1. */
export class CliError extends Error {
  override name = "CliError";
}
