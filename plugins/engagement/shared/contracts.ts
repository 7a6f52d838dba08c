/**
 * What the plugin's routes answer (`data` of each response), shared by the server that builds the
 * answers and the admin that shows them, in the manner of Strapi's own plugins' `shared/contracts`.
 */

/**
 * Views and shares of one document: GET /engagement/totals (per documentId) and the `engagement` field of
 * REST entries (`stats.summaries`).
 */
export interface EngagementTotals {
  views: number;
  shares: number;
}

/** Views and shares per network of one document: the GraphQL `engagement` field (`stats.values`). */
export interface EngagementValue {
  views: number;
  /** Every enabled network appears in `byNetwork`, with 0 when it has no shares. */
  shares: { total: number; byNetwork: Record<string, number> };
}

/** One UTC day of a document's figures. */
export interface DailyRow {
  /** YYYY-MM-DD (UTC) */
  date: string;
  views: number;
  shares: number;
}

/** GET /engagement/stats/:type/:documentId */
export interface DocumentStats extends EngagementValue {
  daily: DailyRow[];
}

/**
 * One entry of GET /engagement/popular/:type: the ranked document with the list fields of its published
 * version (`title` and `slug` when the type has them).
 */
export interface PopularEntry extends EngagementTotals {
  documentId: string;
  title?: string;
  slug?: string;
  [field: string]: unknown;
}

/** A tracked content type and the singular name its routes use. */
export interface TrackedType {
  uid: string;
  name: string;
}

/** What the settings page shows about flushing buffered counts to the database. */
export interface FlushHealth {
  /** ISO time of the last flush that wrote to the database (rows it refused aside). */
  lastSuccessAt: string | null;
  /** Buffer fields not yet in the database (refused rows included). */
  pendingFields: number;
  /** The last failure: the whole flush (database unreachable) or single refused rows, with their keys. */
  lastError: { at: string; message: string; keys: string[] } | null;
  /** Where counts wait: 'memory', or 'redis' with whether it answers now (false: counting in memory meanwhile). */
  buffer: { store: 'memory' } | { store: 'redis'; reachable: boolean };
}

/** GET /engagement/settings: tracked types, enabled networks, the applied config (no Redis URL) and flush health. */
export interface EngagementSettings {
  types: TrackedType[];
  networks: string[];
  config: Record<string, unknown>;
  health: FlushHealth;
}
