/**
 * The `comments` field of REST responses of the types readers comment on, owned here:
 * `comments: { count }` on each top-level entry, the approved comments of that document in that
 * entry's locale. Pure: no Strapi in sight.
 */

/** What REST responses of a commented type show per entry as `comments`. */
export interface CommentsSummary {
  count: number;
}

interface Entry {
  documentId?: unknown;
  locale?: unknown;
  comments?: unknown;
}

/** The top-level entries of a content-API body (`data` as one entry or a list) that have a documentId. */
export function topLevelEntries(body: unknown): Array<{ documentId: string; locale: string }> {
  const data = (body as { data?: unknown } | null | undefined)?.data;
  const entries = (Array.isArray(data) ? data : data ? [data] : []) as Array<Entry | null>;
  return entries.flatMap((entry) =>
    typeof entry?.documentId === 'string'
      ? [
          {
            documentId: entry.documentId,
            locale: typeof entry.locale === 'string' ? entry.locale : '',
          },
        ]
      : []
  );
}

/** The key of a document in a locale in a counts map. */
export const countKey = (documentId: string, locale: string): string => `${documentId}\n${locale}`;

/** Sets `comments: { count }` on each top-level entry of `body` (changed in place, returned). Entries without a count get 0. */
export function withCommentCounts<Body extends object>(
  body: Body,
  counts: ReadonlyMap<string, number>
): Body {
  const data = (body as { data?: unknown }).data;
  for (const entry of (Array.isArray(data) ? data : data ? [data] : []) as Array<Entry | null>) {
    if (typeof entry?.documentId !== 'string') continue;
    const key = countKey(entry.documentId, typeof entry.locale === 'string' ? entry.locale : '');
    entry.comments = { count: counts.get(key) ?? 0 } satisfies CommentsSummary;
  }
  return body;
}
