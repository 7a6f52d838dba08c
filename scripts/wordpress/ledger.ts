/**
 * The import's memory, kept in the app's database (Strapi's core store, so it travels with the content
 * and a second machine sees it): WordPress post ID → documentId and locale, attachment → upload file,
 * content hash → file, term → tag, and the state of the last run. A second run reads it to update
 * instead of duplicating; `--resume` reads it to go on after a crash. Keys are per site, so two
 * WordPress sites can be imported into one app.
 */
import type { Core } from '@strapi/strapi';

export interface PostEntry {
  documentId: string;
  locale: string;
  /** the fingerprint of the item last imported (mapping.ts sourceHash) */
  hash: string;
  slug?: string;
}
export interface FileEntry {
  fileId: number;
  hash: string;
}
export interface RunEntry {
  startedAt: string;
  finishedAt?: string;
  file: string;
}

type Kind = 'post' | 'attachment' | 'file' | 'tag' | 'comment' | 'run';

export interface Ledger {
  get<T>(kind: Kind, id: string | number): Promise<T | undefined>;
  set<T>(kind: Kind, id: string | number, value: T): Promise<void>;
}

/** A stable short name for a site, from its base URL (scheme and `www.` ignored). */
export function siteKey(baseUrl: string): string {
  try {
    const url = new URL(baseUrl);
    return `${url.hostname.replace(/^www\./, '')}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return baseUrl || 'site';
  }
}

/** The ledger of `site` in the app's core store. */
export function storeLedger(strapi: Core.Strapi, site: string): Ledger {
  const store = strapi.store({ type: 'app', name: 'wordpress-import' });
  const key = (kind: Kind, id: string | number) => `${site}:${kind}:${id}`;
  return {
    async get<T>(kind: Kind, id: string | number) {
      return ((await store.get({ key: key(kind, id) })) ?? undefined) as T | undefined;
    },
    async set<T>(kind: Kind, id: string | number, value: T) {
      await store.set({ key: key(kind, id), value });
    },
  };
}

/** A ledger that reads through to `inner` and keeps writes in memory: what a dry run uses. */
export function dryRunLedger(inner: Ledger): Ledger {
  const written = new Map<string, unknown>();
  return {
    async get<T>(kind: Kind, id: string | number) {
      const k = `${kind}:${id}`;
      return written.has(k) ? (written.get(k) as T) : inner.get<T>(kind, id);
    },
    async set<T>(kind: Kind, id: string | number, value: T) {
      written.set(`${kind}:${id}`, value);
    },
  };
}
