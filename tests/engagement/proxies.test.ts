import {
  ENGAGEMENT_TEST_ENV,
  browserUA,
  createArticle,
  type Article,
} from '../helpers/engagement-fixtures';
import { useTestApp, type TestApp } from '../helpers/strapi';

/**
 * Behind proxies the client IP is the X-Forwarded-For entry the outermost trusted proxy saw
 * (IS_PROXIED=true, PROXY_TRUSTED_HOPS proxies): entries a client writes to the left change nothing, and
 * an IPv6 client counts and is rate limited by its /64. Views take the fast-view middleware, shares the
 * regular route.
 */

const RATE_LIMIT = 8;

const view = (app: TestApp, article: Article, forwardedFor: string, ua: string) =>
  app
    .http()
    .post(`/api/engagement/article/${article.documentId}/view`)
    .set('User-Agent', ua)
    .set('X-Forwarded-For', forwardedFor);
const share = (app: TestApp, article: Article, forwardedFor: string, ua: string) =>
  app
    .http()
    .post(`/api/engagement/article/${article.documentId}/share`)
    .set('User-Agent', ua)
    .set('X-Forwarded-For', forwardedFor)
    .send({ network: 'x' });

const proxied = (hops: number) => ({
  ...ENGAGEMENT_TEST_ENV,
  IS_PROXIED: 'true',
  PROXY_TRUSTED_HOPS: String(hops),
  ENGAGEMENT_RATE_LIMIT_MAX: String(RATE_LIMIT),
});

/** Sends `count` requests and sums up what happened. */
async function send(
  count: number,
  request: (
    index: number
  ) => PromiseLike<{ status: number; body: { data?: { counted?: boolean } } }>
) {
  const tally = { counted: 0, notCounted: 0, limited: 0, other: 0 };
  for (let index = 0; index < count; index += 1) {
    const res = await request(index);
    if (res.status === 202) tally[res.body.data?.counted ? 'counted' : 'notCounted'] += 1;
    else if (res.status === 429) tally.limited += 1;
    else tally.other += 1;
  }
  return tally;
}

describe('one trusted proxy (nginx, a cloud load balancer)', () => {
  const app = useTestApp(proxied(1));
  let article: Article;
  beforeAll(async () => {
    article = await createArticle(app().strapi, 'Behind nginx');
  });

  it('ignores spoofed left-hand entries: one client counts once and reaches the rate limit', async () => {
    const ua = browserUA('spoofer');
    const tally = await send(20, (i) =>
      view(app(), article, `1.2.3.${i}, 10.9.8.${i}, 198.51.100.7`, ua)
    );
    expect(tally).toEqual({
      counted: 1,
      notCounted: RATE_LIMIT - 1,
      limited: 20 - RATE_LIMIT,
      other: 0,
    });
    // the regular route shares the limit of the address the proxy saw
    expect((await share(app(), article, '5.6.7.8, 198.51.100.7', ua)).status).toBe(429);
    // a different client behind the same proxy is not affected
    expect((await view(app(), article, '1.2.3.4, 198.51.100.8', ua)).body).toEqual({
      data: { counted: true },
    });
  });

  it('keys an IPv6 client by its /64 for dedupe and the rate limit, on the fast path and the regular route', async () => {
    const ua = browserUA('ipv6');
    const address = (i: number) =>
      `2001:db8:aa:bb:${(i + 1).toString(16)}::${(i * 7 + 1).toString(16)}`;
    const views = await send(5, (i) => view(app(), article, address(i), ua));
    expect(views).toEqual({ counted: 1, notCounted: 4, limited: 0, other: 0 });
    const shares = await send(5, (i) => share(app(), article, address(i + 10), ua));
    expect(shares).toEqual({
      counted: 1,
      notCounted: RATE_LIMIT - 6,
      limited: 5 - (RATE_LIMIT - 5),
      other: 0,
    });
    // the next /64 is another visitor
    expect((await view(app(), article, '2001:db8:aa:bc::1', ua)).body).toEqual({
      data: { counted: true },
    });
  });
});

describe('two trusted proxies (a CDN in front of a load balancer)', () => {
  const app = useTestApp(proxied(2));
  let article: Article;
  beforeAll(async () => {
    article = await createArticle(app().strapi, 'Behind a CDN');
  });

  it('takes the entry the CDN saw, whatever the client wrote before it', async () => {
    const ua = browserUA('cdn-spoofer');
    // client-written entries, then what the CDN saw (the client), then what the load balancer saw (the CDN)
    const tally = await send(12, (i) =>
      view(app(), article, `9.9.9.${i}, 203.0.113.5, 192.0.2.${(i % 3) + 1}`, ua)
    );
    expect(tally).toEqual({
      counted: 1,
      notCounted: RATE_LIMIT - 1,
      limited: 12 - RATE_LIMIT,
      other: 0,
    });
  });
});
