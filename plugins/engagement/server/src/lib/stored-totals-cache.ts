import { LRUCache } from 'lru-cache';

/** Documents whose stored totals are kept at most; about 200 bytes each. */
export const MAX_CACHED_DOCUMENTS = 100_000;

export interface StoredTotalsCacheOptions<T> {
  /** How long an entry is trusted without a change being seen; 0 turns the cache off. */
  ttlMs: number;
  /** Copies a value: callers add buffered amounts to what they get, which must not change the cache. */
  copy: (value: T) => T;
  maxDocuments?: number;
}

/** What a lookup found: copies of the cached values, the ids to read from the database, and the generation to fill with. */
export interface TotalsLookup<T> {
  found: Map<string, T>;
  missing: string[];
  generation: number;
}

/**
 * The stored (already flushed) totals of documents, kept in memory so a read of counts needs no database
 * query: a cached article response with live counts, or its 304, then costs no query at all.
 *
 * Why a generation: every write to the totals (a flush, a migration, a reset; on any instance, announced
 * over Redis) calls `invalidate`, which empties the cache and starts a new generation. A read that looked
 * up before the write and queried the database across it would otherwise put the old figures back;
 * `fill` drops values read under an older generation. `ttlMs` bounds what a missed announcement (or a
 * writer outside the app) can cost.
 */
export class StoredTotalsCache<T extends object> {
  private readonly entries: LRUCache<string, T> | null;
  private readonly copy: (value: T) => T;
  private generation = 0;

  constructor(options: StoredTotalsCacheOptions<T>) {
    this.copy = options.copy;
    this.entries =
      options.ttlMs > 0
        ? new LRUCache<string, T>({
            max: options.maxDocuments ?? MAX_CACHED_DOCUMENTS,
            ttl: options.ttlMs,
          })
        : null;
  }

  /** Cached copies of the documents' totals and the ids that must be read from the database. */
  lookup(uid: string, documentIds: readonly string[]): TotalsLookup<T> {
    const found = new Map<string, T>();
    const missing: string[] = [];
    for (const documentId of documentIds) {
      const value = this.entries?.get(key(uid, documentId));
      if (value) found.set(documentId, this.copy(value));
      else missing.push(documentId);
    }
    return { found, missing, generation: this.generation };
  }

  /** Keeps values read from the database, unless the totals changed since the lookup that returned `generation`. */
  fill(generation: number, uid: string, values: ReadonlyMap<string, T>): void {
    if (!this.entries || generation !== this.generation) return;
    for (const [documentId, value] of values)
      this.entries.set(key(uid, documentId), this.copy(value));
  }

  /** Forgets every cached total; reads in flight will not fill the cache with what they read. */
  invalidate(): void {
    this.generation += 1;
    this.entries?.clear();
  }
}

const key = (uid: string, documentId: string): string => `${uid}\u0000${documentId}`;
