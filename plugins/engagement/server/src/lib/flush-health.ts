import type { FlushHealth } from '../../../shared/contracts';
import { ThrottledLog } from './throttled-log';

/** A count row the database refused on its own, and why. */
export interface RowFailure {
  row: { field: string; count: number };
  message: string;
}

// The settings page shows it: the shape lives in shared/contracts.ts.
export type { FlushHealth } from '../../../shared/contracts';

/** Keys named in one log line or health report at most. */
const MAX_KEYS = 10;

/**
 * Records how flushes go, for the settings page, and logs refused rows every time they are refused, at
 * most once a minute (a stuck row is retried on every flush).
 */
export function createFlushHealth(warn: (message: string) => void) {
  let lastSuccessAt: string | null = null;
  let lastError: FlushHealth['lastError'] = null;
  const refusedLog = new ThrottledLog(warn);

  return {
    /** A write reached the database: `writtenRows` rows were written, `failures` are the rows it refused. */
    written(writtenRows: number, failures: readonly RowFailure[]): void {
      const at = new Date().toISOString();
      if (writtenRows > 0) lastSuccessAt = at;
      if (failures.length === 0) return;
      const keys = failures.map((failure) => failure.row.field);
      lastError = { at, message: failures[0].message, keys: keys.slice(0, MAX_KEYS) };
      refusedLog.log(
        `[engagement] The database refused ${failures.length} count row(s); they stay buffered and are retried, every other row was written. Keys: ${keys.slice(0, MAX_KEYS).join(', ')}${keys.length > MAX_KEYS ? ', …' : ''}. Error: ${failures[0].message}`
      );
    },

    /** The whole flush failed (nothing written); the caller logs it. */
    failed(error: Error): void {
      lastError = { at: new Date().toISOString(), message: error.message, keys: [] };
    },

    report(pendingFields: number, buffer: FlushHealth['buffer']): FlushHealth {
      return { lastSuccessAt, pendingFields, lastError, buffer };
    },
  };
}
