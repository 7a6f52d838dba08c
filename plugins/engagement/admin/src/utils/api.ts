import { getFetchClient } from '@strapi/strapi/admin';

export interface DailyRow {
  date: string;
  views: number;
  shares: number;
}

export interface DocumentStats {
  views: number;
  shares: { total: number; byNetwork: Record<string, number> };
  daily: DailyRow[];
}

export interface PopularEntry {
  documentId: string;
  title?: string;
  slug?: string;
  views: number;
  shares: number;
}

export interface TrackedType {
  uid: string;
  name: string;
}

/** How flushing buffered counts to the database goes (see the server's lib/flush-health.ts). */
export interface FlushHealth {
  lastSuccessAt: string | null;
  pendingFields: number;
  lastError: { at: string; message: string; keys: string[] } | null;
  buffer: { store: 'memory' } | { store: 'redis'; reachable: boolean };
}

export interface EngagementSettings {
  types: TrackedType[];
  networks: string[];
  config: Record<string, unknown>;
  health: FlushHealth;
}

/** The singular name the plugin's routes use for a content type uid (`api::article.article` → `article`). */
export const typeName = (uid: string) => uid.split('.').pop() ?? uid;

export async function fetchStats(uid: string, documentId: string, days = 30): Promise<DocumentStats> {
  const { get } = getFetchClient();
  const { data } = await get<{ data: DocumentStats }>(`/engagement/stats/${typeName(uid)}/${documentId}?days=${days}`);
  return data.data;
}

export async function fetchPopular(uid: string, by: 'views' | 'shares', period = 'week', limit = 5): Promise<PopularEntry[]> {
  const { get } = getFetchClient();
  const { data } = await get<{ data: PopularEntry[] }>(`/engagement/popular/${typeName(uid)}?by=${by}&period=${period}&limit=${limit}`);
  return data.data;
}

export async function fetchTotals(uid: string, documentIds: string[]): Promise<Record<string, { views: number; shares: number }>> {
  const { get } = getFetchClient();
  const { data } = await get<{ data: Record<string, { views: number; shares: number }> }>(
    `/engagement/totals/${typeName(uid)}?documentIds=${documentIds.map(encodeURIComponent).join(',')}`,
  );
  return data.data;
}

let settingsPromise: Promise<EngagementSettings> | undefined;
/**
 * The plugin's settings as the server applies them; fetched once per page load (again after a failure),
 * or now with `fresh` (the settings page shows the current flush health).
 */
export function fetchSettings(fresh = false): Promise<EngagementSettings> {
  if (!settingsPromise || fresh) {
    const { get } = getFetchClient();
    settingsPromise = get<{ data: EngagementSettings }>('/engagement/settings').then(({ data }) => data.data);
    settingsPromise.catch(() => {
      settingsPromise = undefined;
    });
  }
  return settingsPromise;
}

export async function setCounts(uid: string, documentId: string, values: { views?: number; shares?: Record<string, number> }) {
  const { put } = getFetchClient();
  await put(`/engagement/counts/${typeName(uid)}/${documentId}`, values);
}

export async function resetCounts(uid: string, documentId: string) {
  const { del } = getFetchClient();
  await del(`/engagement/counts/${typeName(uid)}/${documentId}`);
}

/** Downloads the per-day figures of a document as a CSV file. */
export async function downloadDailyCsv(uid: string, documentId: string) {
  const { get } = getFetchClient();
  const { data } = await get<string>(`/engagement/export/${typeName(uid)}/${documentId}`, { responseType: 'text' });
  const blob = new Blob([data], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `${typeName(uid)}-${documentId}-daily.csv`;
  document.body.appendChild(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

/**
 * Batches the list view's per-row requests: every cell asks for its document, and one request per
 * content type fetches them all a moment later.
 */
const pending = new Map<string, Map<string, Array<(value: { views: number; shares: number }) => void>>>();
export function loadTotals(uid: string, documentId: string): Promise<{ views: number; shares: number }> {
  return new Promise((resolve) => {
    let forType = pending.get(uid);
    if (!forType) {
      forType = new Map();
      pending.set(uid, forType);
      setTimeout(async () => {
        const batch = pending.get(uid)!;
        pending.delete(uid);
        const ids = [...batch.keys()];
        let totals: Record<string, { views: number; shares: number }> = {};
        try {
          totals = await fetchTotals(uid, ids);
        } catch {
          totals = {};
        }
        for (const id of ids) for (const done of batch.get(id)!) done(totals[id] ?? { views: 0, shares: 0 });
      }, 20);
    }
    const waiting = forType.get(documentId) ?? [];
    waiting.push(resolve);
    forType.set(documentId, waiting);
  });
}
