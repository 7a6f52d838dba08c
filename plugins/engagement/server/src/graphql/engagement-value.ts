import type { EngagementValue } from '../../../shared/contracts';
import type { StoredCounts } from '../services/tables';

/**
 * The `engagement` value of one document from its totals (stored plus buffered; none when it was never
 * counted): every enabled network appears in `byNetwork`, with 0 when it has no shares.
 */
export function engagementValue(
  counts: StoredCounts | undefined,
  networks: Iterable<string>
): EngagementValue {
  const byNetwork: Record<string, number> = {};
  for (const network of networks) byNetwork[network] = 0;
  let total = 0;
  for (const [network, amount] of Object.entries(counts?.shares ?? {})) {
    byNetwork[network] = (byNetwork[network] ?? 0) + amount;
    total += amount;
  }
  return { views: counts?.views ?? 0, shares: { total, byNetwork } };
}
