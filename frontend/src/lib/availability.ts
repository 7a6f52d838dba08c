/**
 * A real 503 when the content API is down. Next's App Router answers 500 for a page that throws, and a
 * page cannot set its status, so the proxy (proxy.ts) asks Strapi's health route before a page renders,
 * at most once per `ttlMs` (answers shared by the requests meanwhile), and answers an unreachable API
 * with 503, `Retry-After` and a page a reader understands, never a stack trace. The rare failure the
 * probe has not seen yet still shows the error page (a 500).
 */

export interface HealthProbe {
  /** Whether the API answered its health route lately (asks again once the last answer is `ttlMs` old). */
  isUp(): Promise<boolean>;
}

/**
 * A probe of `healthUrl` (Strapi's `/_health`, 204 when up). `fetch` and `now` are given so the probe can
 * be tested without a network or a clock; `timeoutMs` bounds how long a page waits for the answer.
 */
export function createHealthProbe(options: {
  healthUrl: () => string;
  fetch: (url: string, init: { signal: AbortSignal; cache: 'no-store' }) => Promise<Response>;
  now: () => number;
  ttlMs: number;
  timeoutMs: number;
  onDown?: (reason: string) => void;
}): HealthProbe {
  let last: { at: number; up: Promise<boolean> } | null = null;
  const ask = async (): Promise<boolean> => {
    const url = options.healthUrl();
    try {
      const response = await options.fetch(url, {
        signal: AbortSignal.timeout(options.timeoutMs),
        cache: 'no-store',
      });
      await response.arrayBuffer();
      if (response.status < 500) return true;
      options.onDown?.(`${url} answered ${response.status}`);
      return false;
    } catch (error) {
      options.onDown?.(
        `${url} did not answer: ${error instanceof Error ? error.message : String(error)}`
      );
      return false;
    }
  };
  return {
    isUp() {
      const now = options.now();
      if (!last || now - last.at >= options.ttlMs) last = { at: now, up: ask() };
      return last.up;
    },
  };
}

/** Seconds a client or crawler should wait before asking again (`Retry-After`). */
export const RETRY_AFTER_SECONDS = 30;

/** The 503 page: the same words as the error page, in a complete document of its own. */
export function unavailablePage(lang: string): string {
  const safeLang = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/.test(lang) ? lang : 'en';
  return `<!DOCTYPE html>
<html lang="${safeLang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>Service unavailable</title></head>
<body>
<main id="main">
<h1>Service unavailable</h1>
<p>The articles cannot be loaded right now. Please try again in a moment.</p>
<p><a href="">Try again</a></p>
</main>
</body>
</html>
`;
}
