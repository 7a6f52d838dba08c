import { ALL_TAG, documentTag, listTag } from '../dependencies';
import { memoryStore, remainingTtl } from '../stores';

const entry = (body: string) => ({
  uid: 'api::article.article',
  body,
  digest: body,
  documentIds: [],
});
const ARTICLE = documentTag('article-1');
const TAG = documentTag('tag-1');
const ARTICLES = listTag('api::article.article');

describe('memoryStore', () => {
  it('keeps an entry through writes to what it does not depend on, and drops it on a write to a dependency', async () => {
    const store = memoryStore({ maxBytes: 1024 * 1024, ttlMs: 60_000 });
    const first = await store.lookup('/api/articles/by-slug/one');
    expect(first.entry).toBeNull();
    await store.save('/api/articles/by-slug/one', first, [ARTICLE, TAG], entry('one'));
    expect((await store.lookup('/api/articles/by-slug/one')).entry?.body).toBe('one');

    await store.invalidate([documentTag('another-article'), ARTICLES]);
    expect((await store.lookup('/api/articles/by-slug/one')).entry?.body).toBe('one');

    await store.invalidate([TAG]);
    expect((await store.lookup('/api/articles/by-slug/one')).entry).toBeNull();
  });

  it('drops every entry on a write to everything (permissions, locales)', async () => {
    const store = memoryStore({ maxBytes: 1024 * 1024, ttlMs: 60_000 });
    const lookup = await store.lookup('/api/tags');
    await store.save('/api/tags', lookup, [listTag('api::tag.tag')], entry('tags'));
    await store.invalidate([ALL_TAG]);
    expect((await store.lookup('/api/tags')).entry).toBeNull();
  });

  it('never serves a response computed while a write to one of its dependencies happened', async () => {
    const store = memoryStore({ maxBytes: 1024 * 1024, ttlMs: 60_000 });
    const before = await store.lookup('/api/articles');
    await store.invalidate([ARTICLES]);
    await store.save('/api/articles', before, [ARTICLES], entry('computed during the write'));
    expect((await store.lookup('/api/articles')).entry).toBeNull();

    // Computed from a snapshot after the write: kept.
    const after = await store.lookup('/api/articles');
    await store.save('/api/articles', after, [ARTICLES], entry('computed after the write'));
    expect((await store.lookup('/api/articles')).entry?.body).toBe('computed after the write');
  });

  it('keeps within its size bound by evicting the least recently used entries', async () => {
    const store = memoryStore({ maxBytes: 100, ttlMs: 60_000 });
    const lookup = await store.lookup('a');
    await store.save('a', lookup, [ARTICLE], entry('x'.repeat(30)));
    await store.save('b', lookup, [ARTICLE], entry('y'.repeat(30)));
    expect((await store.lookup('a')).entry).toBeNull();
    expect((await store.lookup('b')).entry?.body).toHaveLength(30);
  });

  it('does not store a response whose snapshot is older than the TTL (its tags might be forgotten by then)', async () => {
    const store = memoryStore({ maxBytes: 1024 * 1024, ttlMs: 1000 });
    const lookup = await store.lookup('/api/slow');
    await store.save(
      '/api/slow',
      { snapshot: lookup.snapshot, readAt: Date.now() - 1500 },
      [ARTICLE],
      entry('slow')
    );
    expect((await store.lookup('/api/slow')).entry).toBeNull();
    expect(remainingTtl(1000, 10_000, 10_400)).toBe(600);
  });
});
