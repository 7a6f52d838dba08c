'use client';
/**
 * The article's view count, live on a page a CDN may have kept for a while: the server renders the count
 * it read (what a reader without JavaScript sees), and the browser replaces it with the API's current
 * figure once the page has loaded. A failed read leaves the rendered count: it is only older.
 */
import { useEffect, useState } from 'react';
import { viewsLabel } from '../lib/urls';

/** The `views` of the engagement figures the stats route answers, or null for any other answer. */
export function viewsOf(body: unknown): number | null {
  const views = (body as { data?: { views?: unknown } } | null)?.data?.views;
  return typeof views === 'number' && Number.isSafeInteger(views) && views >= 0 ? views : null;
}

export function LiveViewCount({
  initial,
  locale,
  statsUrl,
}: {
  initial: number;
  locale: string;
  statsUrl: string;
}) {
  const [views, setViews] = useState(initial);
  useEffect(() => {
    const controller = new AbortController();
    fetch(statsUrl, { cache: 'no-store', credentials: 'omit', signal: controller.signal })
      .then((response) => (response.ok ? response.json() : null))
      .then((body: unknown) => {
        const live = viewsOf(body);
        if (live !== null) setViews(live);
      })
      .catch(() => {
        // aborted on unmount, or the API is unreachable: the rendered count stays (it is only older)
      });
    return () => controller.abort();
  }, [statsUrl]);
  return (
    <span className="view-count" data-views={views} aria-live="polite">
      {viewsLabel(views, locale)}
    </span>
  );
}
