import { memoryStore } from '../stores';

const entry = (body: string) => ({ uid: 'api::article.article', body, digest: body, documentIds: [] });

describe('memoryStore', () => {
  it('returns an entry only for the generation it was stored under', async () => {
    const store = memoryStore({ maxBytes: 1024 * 1024, ttlMs: 60_000 });
    const first = await store.lookup('/api/articles');
    expect(first.entry).toBeNull();
    await store.save('/api/articles', first.generation, entry('one'));
    expect((await store.lookup('/api/articles')).entry?.body).toBe('one');

    await store.bump();
    expect((await store.lookup('/api/articles')).entry).toBeNull();
  });

  it('drops a response computed while a write happened (stored under the old generation)', async () => {
    const store = memoryStore({ maxBytes: 1024 * 1024, ttlMs: 60_000 });
    const before = await store.lookup('/api/tags');
    await store.bump();
    await store.save('/api/tags', before.generation, entry('computed during the write'));
    expect((await store.lookup('/api/tags')).entry).toBeNull();
  });

  it('keeps within its size bound by evicting the least recently used entries', async () => {
    const store = memoryStore({ maxBytes: 100, ttlMs: 60_000 });
    const { generation } = await store.lookup('a');
    await store.save('a', generation, entry('x'.repeat(30)));
    await store.save('b', generation, entry('y'.repeat(30)));
    expect((await store.lookup('a')).entry).toBeNull();
    expect((await store.lookup('b')).entry?.body).toHaveLength(30);
  });
});
