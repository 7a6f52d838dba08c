'use client';
/**
 * Counts one view of the article per page view: `navigator.sendBeacon` once the page is visible, never
 * while it is prerendered (Speculation Rules) or hidden (a background tab), and never for a prefetch
 * (a prefetch runs no script). The server never counts: only a reader's browser does.
 */
import { useEffect, useRef } from 'react';

/** Calls `send` once the document is visible and not prerendering; returns a cleanup. */
export function whenVisible(doc: Document, send: () => void): () => void {
  const isPrerendering = () => (doc as Document & { prerendering?: boolean }).prerendering === true;
  const ready = () => !isPrerendering() && doc.visibilityState === 'visible';
  if (ready()) {
    send();
    return () => {};
  }
  const check = () => {
    if (!ready()) return;
    doc.removeEventListener('visibilitychange', check);
    doc.removeEventListener('prerenderingchange', check);
    send();
  };
  doc.addEventListener('visibilitychange', check);
  doc.addEventListener('prerenderingchange', check);
  return () => {
    doc.removeEventListener('visibilitychange', check);
    doc.removeEventListener('prerenderingchange', check);
  };
}

export function ViewBeacon({ url }: { url: string }) {
  const sent = useRef(false);
  useEffect(
    () =>
      whenVisible(document, () => {
        // once per page view, also when React runs the effect twice (development)
        if (sent.current) return;
        sent.current = true;
        navigator.sendBeacon(url);
      }),
    [url]
  );
  return null;
}
