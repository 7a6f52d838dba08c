/**
 * What the plugin's routes answer (`data` of each response), shared by the server that builds the
 * answers and the admin that shows them, in the manner of Strapi's own plugins' `shared/contracts`.
 */

/** Views and shares of one document (GET /engagement/totals, per documentId; `engagement` on entries). */
export interface EngagementTotals {
  views: number;
  shares: number;
}

/** One UTC day of a document's figures. */
export interface DailyRow {
  /** YYYY-MM-DD (UTC) */
  date: string;
  views: number;
  shares: number;
}

/** GET /engagement/stats/:type/:documentId */
export interface DocumentStats {
  views: number;
  shares: { total: number; byNetwork: Record<string, number> };
  daily: DailyRow[];
}

/** One entry of GET /engagement/popular/:type: the ranked document with its type's list fields. */
export interface PopularEntry extends EngagementTotals {
  documentId: string;
  title?: string;
  slug?: string;
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
