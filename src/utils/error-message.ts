/** The message of anything thrown (an Error's message, else the value as text), for a log line or a CLI's last words. */
export const errorMessage = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);
