import { isbot } from 'isbot';

/**
 * Builds the bot test: isbot's list plus the configured extra patterns (case-insensitive). A request
 * without a user agent is treated as a bot: every browser sends one, scripts often do not.
 */
export function createBotFilter(extraPatterns: readonly string[]): (userAgent: string | undefined) => boolean {
  const extra = extraPatterns.map((pattern) => new RegExp(pattern, 'i'));
  return (userAgent) => {
    if (!userAgent) return true;
    if (isbot(userAgent)) return true;
    return extra.some((pattern) => pattern.test(userAgent));
  };
}
