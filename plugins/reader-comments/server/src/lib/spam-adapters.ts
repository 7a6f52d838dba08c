/**
 * Optional spam services behind one small interface, both off by default: Akismet (comment-check) and
 * Cloudflare Turnstile (siteverify). Each answers pass, spam, refuse (the poster's fault: a missing or
 * bad token, a 400) or error (the service failed: a timeout, a 5xx, a bad key). An error never loses a
 * comment or answers 500: the caller holds the comment for a moderator. `fetch` is passed in, so the
 * adapters are tested without a network.
 */

export const AKISMET_ENDPOINT = 'https://rest.akismet.com/1.1/comment-check';
export const TURNSTILE_ENDPOINT = 'https://challenges.cloudflare.com/turnstile/v0/siteverify';
/** How long an adapter may take before the comment is held instead. */
export const DEFAULT_TIMEOUT_MS = 3000;

/** What a post gives the adapters. */
export interface SpamInput {
  text: string;
  authorName: string;
  authorEmail: string | null;
  ip: string;
  userAgent: string;
  referrer?: string;
  /** The Turnstile widget's token (form field `cf-turnstile-response`). */
  turnstileToken?: string;
  /** The document's locale, for Akismet's `blog_lang`. */
  locale?: string;
}

export type AdapterOutcome =
  | { outcome: 'pass' }
  | { outcome: 'spam'; detail: string }
  | { outcome: 'refuse'; reason: string }
  | { outcome: 'error'; detail: string };

export type Fetch = typeof fetch;

/** One spam service. */
export interface SpamAdapter {
  name: string;
  check(input: SpamInput, fetchImpl: Fetch): Promise<AdapterOutcome>;
}

const message = (error: unknown): string =>
  error instanceof Error
    ? error.name === 'TimeoutError'
      ? 'timed out'
      : error.message
    : String(error);

/** POSTs a form with a timeout; a non-2xx answer is an error naming the status. */
async function postForm(
  fetchImpl: Fetch,
  url: string,
  fields: Record<string, string>,
  timeoutMs: number
): Promise<Response> {
  const response = await fetchImpl(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok) throw new Error(`answered ${response.status}`);
  return response;
}

/** Akismet's comment-check: the body is `true` (spam) or `false`; anything else (`invalid`) is an error. */
export function akismetAdapter(config: {
  key: string;
  site: string;
  endpoint?: string;
  timeoutMs?: number;
}): SpamAdapter {
  return {
    name: 'Akismet',
    async check(input, fetchImpl) {
      try {
        const response = await postForm(
          fetchImpl,
          config.endpoint ?? AKISMET_ENDPOINT,
          {
            api_key: config.key,
            blog: config.site,
            user_ip: input.ip,
            user_agent: input.userAgent,
            ...(input.referrer ? { referrer: input.referrer } : {}),
            comment_type: 'comment',
            comment_author: input.authorName,
            ...(input.authorEmail ? { comment_author_email: input.authorEmail } : {}),
            comment_content: input.text,
            ...(input.locale ? { blog_lang: input.locale } : {}),
          },
          config.timeoutMs ?? DEFAULT_TIMEOUT_MS
        );
        const body = (await response.text()).trim();
        if (body === 'true') return { outcome: 'spam', detail: 'Akismet: spam' };
        if (body === 'false') return { outcome: 'pass' };
        const help = response.headers.get('x-akismet-debug-help');
        return {
          outcome: 'error',
          detail: `Akismet answered "${body.slice(0, 40)}"${help ? ` (${help.slice(0, 120)})` : ''}`,
        };
      } catch (error) {
        return { outcome: 'error', detail: `Akismet ${message(error)}` };
      }
    },
  };
}

/** Error codes of siteverify that are the site's fault (a wrong secret), not the poster's. */
const TURNSTILE_SITE_ERRORS = ['missing-input-secret', 'invalid-input-secret', 'internal-error'];

/** Turnstile's siteverify: `{ success, "error-codes" }`. No token, or a token it refuses: the poster's 400. */
export function turnstileAdapter(config: {
  secret: string;
  endpoint?: string;
  timeoutMs?: number;
}): SpamAdapter {
  return {
    name: 'Turnstile',
    async check(input, fetchImpl) {
      if (!input.turnstileToken)
        return {
          outcome: 'refuse',
          reason: 'Complete the human check (Turnstile) before sending the comment',
        };
      try {
        const response = await postForm(
          fetchImpl,
          config.endpoint ?? TURNSTILE_ENDPOINT,
          { secret: config.secret, response: input.turnstileToken, remoteip: input.ip },
          config.timeoutMs ?? DEFAULT_TIMEOUT_MS
        );
        const body = (await response.json()) as { success?: unknown; 'error-codes'?: unknown };
        if (body.success === true) return { outcome: 'pass' };
        const codes = Array.isArray(body['error-codes']) ? body['error-codes'].map(String) : [];
        if (codes.some((code) => TURNSTILE_SITE_ERRORS.includes(code)))
          return { outcome: 'error', detail: `Turnstile: ${codes.join(', ')}` };
        return {
          outcome: 'refuse',
          reason: `The human check (Turnstile) failed${codes.length ? `: ${codes.join(', ')}` : ''}; try again`,
        };
      } catch (error) {
        return { outcome: 'error', detail: `Turnstile ${message(error)}` };
      }
    },
  };
}

/** What the adapters decide together. */
export type SpamDecision =
  | { verdict: 'pass' }
  | { verdict: 'refuse'; reason: string }
  | { verdict: 'spam'; detail: string }
  | { verdict: 'hold'; detail: string };

/**
 * Runs the adapters in order (Turnstile first: a refused token costs no Akismet call). A refusal stops at
 * once; spam outranks an error; an error holds the comment with what failed.
 */
export async function runAdapters(
  adapters: readonly SpamAdapter[],
  input: SpamInput,
  fetchImpl: Fetch
): Promise<SpamDecision> {
  const errors: string[] = [];
  for (const adapter of adapters) {
    const result = await adapter.check(input, fetchImpl);
    if (result.outcome === 'refuse') return { verdict: 'refuse', reason: result.reason };
    if (result.outcome === 'spam') return { verdict: 'spam', detail: result.detail };
    if (result.outcome === 'error') errors.push(result.detail);
  }
  return errors.length > 0
    ? { verdict: 'hold', detail: `no answer from the spam check: ${errors.join('; ')}` }
    : { verdict: 'pass' };
}
