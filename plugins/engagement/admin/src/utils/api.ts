import { getFetchClient } from '@strapi/strapi/admin';
import type {
  DocumentStats,
  EngagementSettings,
  EngagementTotals,
  PopularEntry,
} from '../../../shared/contracts';

/** The singular name the plugin's routes use for a content type uid (`api::article.article` → `article`). */
export const typeName = (uid: string) => uid.split('.').pop() ?? uid;

export async function fetchStats(
  uid: string,
  documentId: string,
  days = 30
): Promise<DocumentStats> {
  const { get } = getFetchClient();
  const { data } = await get<{ data: DocumentStats }>(
    `/engagement/stats/${typeName(uid)}/${documentId}?days=${days}`
  );
  return data.data;
}

export async function fetchPopular(
  uid: string,
  by: 'views' | 'shares',
  period = 'week',
  limit = 5
): Promise<PopularEntry[]> {
  const { get } = getFetchClient();
  const { data } = await get<{ data: PopularEntry[] }>(
    `/engagement/popular/${typeName(uid)}?by=${by}&period=${period}&limit=${limit}`
  );
  return data.data;
}

export async function fetchTotals(
  uid: string,
  documentIds: string[]
): Promise<Record<string, EngagementTotals>> {
  const { get } = getFetchClient();
  const { data } = await get<{ data: Record<string, EngagementTotals> }>(
    `/engagement/totals/${typeName(uid)}?documentIds=${documentIds.map(encodeURIComponent).join(',')}`
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
    settingsPromise = get<{ data: EngagementSettings }>('/engagement/settings').then(
      ({ data }) => data.data
    );
    settingsPromise.catch(() => {
      settingsPromise = undefined;
    });
  }
  return settingsPromise;
}

export async function setCounts(
  uid: string,
  documentId: string,
  values: { views?: number; shares?: Record<string, number> }
) {
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
  const { data } = await get<string>(`/engagement/export/${typeName(uid)}/${documentId}`, {
    responseType: 'text',
  });
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
const pending = new Map<string, Map<string, Array<(value: EngagementTotals) => void>>>();
export function loadTotals(uid: string, documentId: string): Promise<EngagementTotals> {
  return new Promise((resolve) => {
    let forType = pending.get(uid);
    if (!forType) {
      forType = new Map();
      pending.set(uid, forType);
      setTimeout(async () => {
        const batch = pending.get(uid)!;
        pending.delete(uid);
        const ids = [...batch.keys()];
        let totals: Record<string, EngagementTotals> = {};
        try {
          totals = await fetchTotals(uid, ids);
        } catch {
          totals = {};
        }
        for (const id of ids)
          for (const done of batch.get(id)!) done(totals[id] ?? { views: 0, shares: 0 });
      }, 20);
    }
    const waiting = forType.get(documentId) ?? [];
    waiting.push(resolve);
    forType.set(documentId, waiting);
  });
}
