/**
 * Where counted events wait between a request and the next flush, and where the dedupe window lives.
 * Field names come from lib/buffer-keys.ts. Implementations: memory (one process) and Redis (shared).
 */
export interface FlushResult {
  /** Number of buffer fields written (0 when there was nothing to write). */
  fields: number;
}

/**
 * Identifies a Redis batch so a retried batch is written at most once: the database records the last
 * written `seq` per `key` in the same transaction as the increments.
 */
export interface BatchMarker {
  key: string;
  seq: number;
}

/**
 * Writes taken increments to the database (with the batch marker, if any); throws to keep them all for
 * the next attempt. Resolves to the increments the database refused while writing the others (a row
 * that cannot take them): the store keeps those buffered for the next flush.
 */
export type WriteIncrements = (
  increments: Map<string, number>,
  marker?: BatchMarker
) => Promise<ReadonlyMap<string, number> | void>;

/** The last batch seq the database recorded for `key` (0 if none). */
export type ReadMarker = (key: string) => Promise<number>;

export interface CountStore {
  readonly kind: 'memory' | 'redis';
  /** The random secret of `day` (YYYYMMDD), created on first use and shared by all instances on Redis. */
  dailySecret(day: number): Promise<string>;
  /**
   * Counts one event: unless `visitorKey` (or `previousKey`, the visitor's key under yesterday's secret
   * shortly after midnight) was already seen inside `windowMs` (0: never deduplicate), marks it seen and
   * adds 1 to each field. Resolves to whether the event was counted.
   */
  record(
    visitorKey: string,
    windowMs: number,
    fields: readonly string[],
    previousKey?: string
  ): Promise<boolean>;
  /** Buffered (not yet written) amounts of these fields, in order, including a flush in progress. */
  read(fields: readonly string[]): Promise<number[]>;
  /** Every buffered field and amount, including a flush in progress. */
  readAll(): Promise<Map<string, number>>;
  /**
   * Takes the buffer atomically and hands it to `write`. If `write` throws, the increments are kept and
   * retried by the next flush. Resolves to null when another instance holds the flush lock.
   */
  flush(write: WriteIncrements, readMarker?: ReadMarker): Promise<FlushResult | null>;
  /** Drops buffered fields for which `drop(field)` is true (deleted or reset documents). */
  discard(drop: (field: string) => boolean): Promise<void>;
  /** Releases timers and connections. */
  close(): Promise<void>;
}
