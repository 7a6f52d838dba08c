import { StoredTotalsCache } from '../stored-totals-cache';

interface Counts {
  views: number;
}

const UID = 'api::article.article';
const make = (ttlMs = 60_000) =>
  new StoredTotalsCache<Counts>({ ttlMs, copy: (value) => ({ ...value }) });

describe('StoredTotalsCache', () => {
  it('misses until filled, then serves the filled values', () => {
    const cache = make();
    const first = cache.lookup(UID, ['a', 'b']);
    expect(first.found.size).toBe(0);
    expect(first.missing).toEqual(['a', 'b']);
    cache.fill(
      first.generation,
      UID,
      new Map([
        ['a', { views: 3 }],
        ['b', { views: 0 }],
      ])
    );
    const second = cache.lookup(UID, ['a', 'b', 'c']);
    expect(Object.fromEntries(second.found)).toEqual({ a: { views: 3 }, b: { views: 0 } });
    expect(second.missing).toEqual(['c']);
  });

  it('keeps entries of different content types apart', () => {
    const cache = make();
    cache.fill(cache.lookup(UID, ['a']).generation, UID, new Map([['a', { views: 3 }]]));
    expect(cache.lookup('api::page.page', ['a']).missing).toEqual(['a']);
  });

  it('hands out copies, so a caller adding buffered amounts does not change the cache', () => {
    const cache = make();
    cache.fill(cache.lookup(UID, ['a']).generation, UID, new Map([['a', { views: 3 }]]));
    const found = cache.lookup(UID, ['a']).found.get('a') as Counts;
    found.views += 10;
    expect(cache.lookup(UID, ['a']).found.get('a')).toEqual({ views: 3 });
  });

  it('forgets everything on invalidate', () => {
    const cache = make();
    cache.fill(cache.lookup(UID, ['a']).generation, UID, new Map([['a', { views: 3 }]]));
    cache.invalidate();
    expect(cache.lookup(UID, ['a']).missing).toEqual(['a']);
  });

  it('drops what a read looked up before a write and read from the database across it', () => {
    const cache = make();
    const before = cache.lookup(UID, ['a']);
    cache.invalidate(); // a flush committed while the read's query ran
    cache.fill(before.generation, UID, new Map([['a', { views: 3 }]]));
    expect(cache.lookup(UID, ['a']).missing).toEqual(['a']);
  });

  it('caches nothing when its time to live is 0', () => {
    const cache = make(0);
    cache.fill(cache.lookup(UID, ['a']).generation, UID, new Map([['a', { views: 3 }]]));
    expect(cache.lookup(UID, ['a']).missing).toEqual(['a']);
  });

  it('expires entries after their time to live', async () => {
    const cache = make(20);
    cache.fill(cache.lookup(UID, ['a']).generation, UID, new Map([['a', { views: 3 }]]));
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(cache.lookup(UID, ['a']).missing).toEqual(['a']);
  });
});
