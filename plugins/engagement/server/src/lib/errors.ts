/**
 * The message of anything thrown (an Error's message, else the value as text), for a log line. The
 * thumbnails plugin and the app have the same one-liner: each package stays installable on its own.
 */
export const errorMessage = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);
