/** The message of anything thrown, for a log line. */
export const errorMessage = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);
