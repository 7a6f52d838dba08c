import {
  akismetAdapter,
  runAdapters,
  turnstileAdapter,
  type Fetch,
  type SpamInput,
} from '../spam-adapters';

const input: SpamInput = {
  text: 'Nice article',
  authorName: 'Ada',
  authorEmail: 'ada@example.com',
  ip: '203.0.113.7',
  userAgent: 'Mozilla/5.0',
  turnstileToken: 'token-1',
};

/** A fetch that answers `body` with `status`, recording what was sent. */
function fakeFetch(status: number, body: string, headers: Record<string, string> = {}) {
  const sent: Array<{ url: string; form: URLSearchParams }> = [];
  const impl = (async (url: string | URL | Request, init?: RequestInit) => {
    sent.push({ url: String(url), form: new URLSearchParams(String(init?.body)) });
    return new Response(body, { status, headers });
  }) as Fetch;
  return { impl, sent };
}

const failingFetch = (async () => {
  const error = new Error('The operation was aborted due to timeout');
  error.name = 'TimeoutError';
  throw error;
}) as Fetch;

describe('akismetAdapter', () => {
  const akismet = akismetAdapter({
    key: 'k',
    site: 'https://site.example',
    endpoint: 'http://a/check',
  });

  it('sends the comment, the IP address and user agent, and reads "true" as spam', async () => {
    const { impl, sent } = fakeFetch(200, 'true');
    expect(await akismet.check(input, impl)).toEqual({ outcome: 'spam', detail: 'Akismet: spam' });
    expect(sent[0].url).toBe('http://a/check');
    expect(Object.fromEntries(sent[0].form)).toMatchObject({
      api_key: 'k',
      blog: 'https://site.example',
      user_ip: '203.0.113.7',
      user_agent: 'Mozilla/5.0',
      comment_type: 'comment',
      comment_author: 'Ada',
      comment_author_email: 'ada@example.com',
      comment_content: 'Nice article',
    });
  });

  it('reads "false" as a pass, and "invalid", a 5xx or a timeout as an error', async () => {
    expect(await akismet.check(input, fakeFetch(200, 'false').impl)).toEqual({ outcome: 'pass' });
    expect(
      await akismet.check(
        input,
        fakeFetch(200, 'invalid', { 'x-akismet-debug-help': 'Empty "blog" value' }).impl
      )
    ).toEqual({ outcome: 'error', detail: 'Akismet answered "invalid" (Empty "blog" value)' });
    expect(await akismet.check(input, fakeFetch(503, 'down').impl)).toEqual({
      outcome: 'error',
      detail: 'Akismet answered 503',
    });
    expect(await akismet.check(input, failingFetch)).toEqual({
      outcome: 'error',
      detail: 'Akismet timed out',
    });
  });
});

describe('turnstileAdapter', () => {
  const turnstile = turnstileAdapter({ secret: 's', endpoint: 'http://t/verify' });

  it('passes a verified token, sending the secret, the token and the IP address', async () => {
    const { impl, sent } = fakeFetch(200, JSON.stringify({ success: true }));
    expect(await turnstile.check(input, impl)).toEqual({ outcome: 'pass' });
    expect(Object.fromEntries(sent[0].form)).toEqual({
      secret: 's',
      response: 'token-1',
      remoteip: '203.0.113.7',
    });
  });

  it("refuses a missing or refused token (the poster's fault), and errs on a bad secret or an outage", async () => {
    expect(await turnstile.check({ ...input, turnstileToken: undefined }, failingFetch)).toEqual({
      outcome: 'refuse',
      reason: 'Complete the human check (Turnstile) before sending the comment',
    });
    const refused = fakeFetch(
      200,
      JSON.stringify({ success: false, 'error-codes': ['timeout-or-duplicate'] })
    );
    expect(await turnstile.check(input, refused.impl)).toEqual({
      outcome: 'refuse',
      reason: 'The human check (Turnstile) failed: timeout-or-duplicate; try again',
    });
    const badSecret = fakeFetch(
      200,
      JSON.stringify({ success: false, 'error-codes': ['invalid-input-secret'] })
    );
    expect(await turnstile.check(input, badSecret.impl)).toEqual({
      outcome: 'error',
      detail: 'Turnstile: invalid-input-secret',
    });
    expect(await turnstile.check(input, fakeFetch(500, '').impl)).toEqual({
      outcome: 'error',
      detail: 'Turnstile answered 500',
    });
  });
});

describe('runAdapters', () => {
  const fixed = (outcome: Awaited<ReturnType<ReturnType<typeof akismetAdapter>['check']>>) => ({
    name: 'fixed',
    check: jest.fn(async () => outcome),
  });

  it('passes with no adapters or when all pass', async () => {
    expect(await runAdapters([], input, failingFetch)).toEqual({ verdict: 'pass' });
    expect(await runAdapters([fixed({ outcome: 'pass' })], input, failingFetch)).toEqual({
      verdict: 'pass',
    });
  });

  it('stops at a refusal, marks spam, and holds when an adapter fails', async () => {
    const later = fixed({ outcome: 'pass' });
    expect(
      await runAdapters(
        [fixed({ outcome: 'refuse', reason: 'no token' }), later],
        input,
        failingFetch
      )
    ).toEqual({ verdict: 'refuse', reason: 'no token' });
    expect(later.check).not.toHaveBeenCalled();
    expect(
      await runAdapters(
        [
          fixed({ outcome: 'error', detail: 'Turnstile timed out' }),
          fixed({ outcome: 'spam', detail: 'Akismet: spam' }),
        ],
        input,
        failingFetch
      )
    ).toEqual({ verdict: 'spam', detail: 'Akismet: spam' });
    expect(
      await runAdapters(
        [fixed({ outcome: 'error', detail: 'Akismet timed out' })],
        input,
        failingFetch
      )
    ).toEqual({ verdict: 'hold', detail: 'no answer from the spam check: Akismet timed out' });
  });
});
