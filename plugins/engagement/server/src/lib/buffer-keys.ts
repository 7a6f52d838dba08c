/**
 * Field names of the increment buffer (a Map in memory, a Hash in Redis). One field per row the flush
 * will upsert: a total (type, document, metric) or a per-day row (type, document, day, metric).
 * Separator '|' cannot occur in a content type uid, a documentId, a day number or a metric name
 * (network names are validated to [a-z0-9-]).
 */

export const VIEW_METRIC = 'view';
export const SHARE_PREFIX = 'share:';

export type Metric = string;

export interface TotalKey {
  kind: 'total';
  uid: string;
  documentId: string;
  metric: Metric;
}

export interface DailyKey {
  kind: 'daily';
  uid: string;
  documentId: string;
  day: number;
  metric: Metric;
}

export type BufferKey = TotalKey | DailyKey;

/** The metric a share on `network` is counted under. */
export const shareMetric = (network: string): Metric => `${SHARE_PREFIX}${network}`;

/** The network of a share metric, or null for views. */
export const networkOf = (metric: Metric): string | null =>
  metric.startsWith(SHARE_PREFIX) ? metric.slice(SHARE_PREFIX.length) : null;

export const totalField = (uid: string, documentId: string, metric: Metric): string =>
  `t|${uid}|${documentId}|${metric}`;

export const dailyField = (uid: string, documentId: string, day: number, metric: Metric): string =>
  `d|${uid}|${documentId}|${day}|${metric}`;

/** Both fields one counted event increments: its total and its row for the day. */
export const eventFields = (
  uid: string,
  documentId: string,
  day: number,
  metric: Metric
): [string, string] => [
  totalField(uid, documentId, metric),
  dailyField(uid, documentId, day, metric),
];

/** Parses a buffer field back; null for anything malformed (it is then dropped with a warning). */
export function parseField(field: string): BufferKey | null {
  const parts = field.split('|');
  if (parts[0] === 't' && parts.length === 4 && parts[1] && parts[2] && parts[3]) {
    return { kind: 'total', uid: parts[1], documentId: parts[2], metric: parts[3] };
  }
  if (
    parts[0] === 'd' &&
    parts.length === 5 &&
    parts[1] &&
    parts[2] &&
    /^\d{8}$/.test(parts[3]) &&
    parts[4]
  ) {
    return {
      kind: 'daily',
      uid: parts[1],
      documentId: parts[2],
      day: Number(parts[3]),
      metric: parts[4],
    };
  }
  return null;
}

/** True when a buffer field belongs to the given document (any metric, any day). */
export const fieldBelongsTo = (field: string, uid: string, documentId: string): boolean =>
  field.startsWith(`t|${uid}|${documentId}|`) || field.startsWith(`d|${uid}|${documentId}|`);
