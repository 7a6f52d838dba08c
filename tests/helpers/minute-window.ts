/**
 * Waits until at least `needMs` remain in the current minute, so a test that counts reads within one
 * fixed one-minute rate-limit window (src/read-budget/rate-limit.ts) never straddles two windows.
 */
export async function withinOneMinuteWindow(needMs = 10_000): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < needMs) await new Promise((resolve) => setTimeout(resolve, left + 50));
}
