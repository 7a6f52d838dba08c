import { isbot } from 'isbot';

/**
 * Builds the bot test: isbot's list plus the configured extra patterns (case-insensitive). Like isbot, a
 * request without a user agent is not taken for a bot; the pattern `^$` in botPatterns drops those too.
 */
export function createBotFilter(
  extraPatterns: readonly string[]
): (userAgent: string | undefined) => boolean {
  const extra = extraPatterns.map((pattern) => new RegExp(pattern, 'i'));
  return (userAgent) => {
    const agent = userAgent ?? '';
    if (agent && isbot(agent)) return true;
    return extra.some((pattern) => pattern.test(agent));
  };
}
