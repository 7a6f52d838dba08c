import {
  confirmSubscriptionMail,
  digestMail,
  digestPeriod,
  escapeHtml,
  excerpt,
  fillUrlTemplate,
  readUnsubscribeToken,
  replyMail,
  retryDelayMs,
  unsubscribeHeaders,
  unsubscribeToken,
  verifyMail,
  withQuery,
} from '../mail';

describe('unsubscribe tokens', () => {
  it('name their subscription and only pass with the key that signed them', () => {
    const token = unsubscribeToken(42, 'key-1');
    expect(token).toMatch(/^42\.[A-Za-z0-9_-]{32}$/);
    expect(readUnsubscribeToken(token, 'key-1')).toBe(42);
    expect(readUnsubscribeToken(token, 'key-2')).toBeNull();
  });

  it('refuse a token whose id was changed, a truncated one and other junk', () => {
    const mac = unsubscribeToken(42, 'key').split('.')[1];
    expect(readUnsubscribeToken(`43.${mac}`, 'key')).toBeNull();
    expect(readUnsubscribeToken(unsubscribeToken(42, 'key').slice(0, -1), 'key')).toBeNull();
    for (const junk of [undefined, 42, '', '0.x', `${'9'.repeat(40)}.${mac}`, ['42']])
      expect(readUnsubscribeToken(junk, 'key')).toBeNull();
  });
});

it('one-click unsubscribe headers follow RFC 8058', () => {
  expect(unsubscribeHeaders('https://api.example.com/u?token=1.a')).toEqual({
    'List-Unsubscribe': '<https://api.example.com/u?token=1.a>',
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  });
});

describe('retry schedule', () => {
  it('doubles per failure from the base, with at most 10 % jitter, and stops growing at an hour', () => {
    expect(retryDelayMs(1, 30, 0)).toBe(30_000);
    expect(retryDelayMs(2, 30, 0)).toBe(60_000);
    expect(retryDelayMs(3, 30, 0)).toBe(120_000);
    expect(retryDelayMs(3, 30, 0.999)).toBeLessThan(132_000);
    expect(retryDelayMs(30, 30, 0)).toBe(3_600_000);
  });
});

it('a digest period changes once per interval, fractions of minutes included', () => {
  const start = digestPeriod(0, 60) * 3_600_000;
  expect(digestPeriod(start + 3_599_999, 60)).toBe(digestPeriod(start, 60));
  expect(digestPeriod(start + 3_600_000, 60)).toBe(digestPeriod(start, 60) + 1);
  expect(digestPeriod(6_000, 0.05)).toBe(2);
});

describe('links', () => {
  it('fills a document URL template, URL-encoded, and gives none when a field is missing', () => {
    expect(
      fillUrlTemplate('https://example.com/articles/{slug}#comment-{commentId}', {
        slug: 'a b/c',
        commentId: 7,
      })
    ).toBe('https://example.com/articles/a%20b%2Fc#comment-7');
    expect(fillUrlTemplate('https://example.com/articles/{slug}', { slug: null })).toBeNull();
  });

  it('adds query parameters before a fragment', () => {
    expect(withQuery('https://e.com/p#x', { token: 'a b' })).toBe('https://e.com/p?token=a+b#x');
    expect(withQuery('https://e.com/p?x=1', { token: 't' })).toBe('https://e.com/p?x=1&token=t');
  });
});

describe('messages', () => {
  it('a reply notification names the replier, escapes HTML, links the thread and carries unsubscribe headers and link', () => {
    const mail = replyMail({
      siteName: 'The Post',
      replierName: 'Eve <script>',
      replyText: 'I <b>disagree</b>',
      commentExcerpt: 'My comment',
      threadUrl: 'https://example.com/a#comment-3',
      unsubscribeUrl: 'https://api.example.com/u?token=1.a&x=2',
    });
    expect(mail.subject).toBe('New reply to your comment on The Post');
    expect(mail.text).toContain('Eve <script> replied to your comment on The Post');
    expect(mail.text).toContain('Unsubscribe: https://api.example.com/u?token=1.a&x=2');
    expect(mail.html).toContain('Eve &lt;script&gt;');
    expect(mail.html).toContain('I &lt;b&gt;disagree&lt;/b&gt;');
    expect(mail.html).toContain('href="https://api.example.com/u?token=1.a&amp;x=2"');
    expect(mail.headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
  });

  it('a confirmation holds the link and nothing about replies', () => {
    const mail = confirmSubscriptionMail({
      siteName: 'The Post',
      confirmUrl: 'https://api.example.com/c?token=t',
      commentExcerpt: 'Mine',
      expiresHours: 48,
    });
    expect(mail.text).toContain('https://api.example.com/c?token=t');
    expect(mail.text).toContain('within 48 hours');
    expect(mail.headers).toBeUndefined();
  });

  it('a verification link says how long it works', () => {
    const mail = verifyMail({
      siteName: 'The Post',
      verifyUrl: 'https://example.com/v?token=t',
      expiresMinutes: 30,
    });
    expect(mail.text).toContain('within 30 minutes');
    expect(mail.html).toContain('href="https://example.com/v?token=t"');
  });

  it('a digest counts per reason and links the queue', () => {
    const mail = digestMail({
      siteName: 'The Post',
      summary: { total: 3, fresh: 1, byReason: { links: 1, 'pre-moderation': 2 } },
      queueUrl: 'https://cms.example.com/admin/plugins/reader-comments?tab=pending',
    });
    expect(mail.subject).toBe('3 comments waiting for moderation on The Post');
    expect(mail.text).toContain('- links: 1\n- pre-moderation: 2');
    expect(mail.text).toContain('(1 new since the last digest)');
    expect(mail.text).toContain(
      'Queue: https://cms.example.com/admin/plugins/reader-comments?tab=pending'
    );
  });
});

it('excerpts flatten whitespace and cut with an ellipsis', () => {
  expect(excerpt('a\n\n b', 10)).toBe('a b');
  expect(excerpt('abcdefghij', 5)).toBe('abcd…');
  expect(escapeHtml(`<a href="x">'&'</a>`)).toBe(
    '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;'
  );
});
