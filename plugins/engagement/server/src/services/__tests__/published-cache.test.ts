import type { Core } from '@strapi/strapi';
import { DEFAULT_CONFIG } from '../../config';
import publishedCacheFactory from '../published-cache';

const article = {
  info: { singularName: 'article' },
  collectionName: 'articles',
  attributes: { title: {}, slug: {}, body: {} },
};

function fakeStrapi(contentTypes: string[], registered: Record<string, unknown>) {
  return {
    config: { get: () => ({ ...structuredClone(DEFAULT_CONFIG), contentTypes }) },
    contentType: (uid: string) => registered[uid],
    contentTypes: registered,
  } as unknown as Core.Strapi;
}

describe('published-cache service: tracked types', () => {
  it('resolves configured types by singular name with the list fields they have', () => {
    const service = publishedCacheFactory({
      strapi: fakeStrapi(['api::article.article'], { 'api::article.article': article }),
    });
    service.resolveTypes();
    expect(service.byName('article')).toMatchObject({
      uid: 'api::article.article',
      listFields: ['title', 'slug'],
    });
    expect(service.byName('articles')).toBeUndefined();
    expect(service.isPublished('api::article.article', 'any')).toBe(false);
  });

  it('refuses a content type the app does not have, naming the ones it has', () => {
    const service = publishedCacheFactory({
      strapi: fakeStrapi(['api::recipe.recipe'], { 'api::article.article': article }),
    });
    expect(() => service.resolveTypes()).toThrow(
      'contentTypes lists "api::recipe.recipe", which is not a content type of this app. Existing ones: api::article.article.'
    );
  });

  it('refuses two types with the same singular name', () => {
    const service = publishedCacheFactory({
      strapi: fakeStrapi(['api::article.article', 'plugin::blog.article'], {
        'api::article.article': article,
        'plugin::blog.article': article,
      }),
    });
    expect(() => service.resolveTypes()).toThrow(/share the name "article"/);
  });
});

describe('published-cache service: published cache with a database check on a miss', () => {
  const UID = 'api::article.article';

  /** A fake database whose published rows the test sets; each findMany resolves when the test says so. */
  function setup(notFoundCacheMs = 5000) {
    const publishedRows = new Set<string>();
    const pending: Array<() => void> = [];
    let queries = 0;
    let autoResolve = true;
    const strapi = {
      config: {
        get: () => ({ ...structuredClone(DEFAULT_CONFIG), contentTypes: [UID], notFoundCacheMs }),
      },
      contentType: () => article,
      contentTypes: { [UID]: article },
      db: {
        query: () => ({
          findMany: ({ where }: { where: { documentId: string } }) => {
            queries += 1;
            const answer = publishedRows.has(where.documentId)
              ? [{ publishedAt: '2026-01-01' }]
              : [{ publishedAt: null }];
            return new Promise((resolve) => {
              if (autoResolve) resolve(answer);
              else pending.push(() => resolve(answer));
            });
          },
        }),
      },
    } as unknown as Core.Strapi;
    const service = publishedCacheFactory({ strapi });
    service.resolveTypes();
    return {
      service,
      publishedRows,
      queries: () => queries,
      hold: () => (autoResolve = false),
      release: () => {
        autoResolve = true;
        pending.splice(0).forEach((resolve) => resolve());
      },
    };
  }

  it('asks the database once for concurrent misses and then answers from the cache', async () => {
    const db = setup();
    db.publishedRows.add('doc1');
    db.hold();
    const answers = Promise.all([
      db.service.checkPublished(UID, 'doc1'),
      db.service.checkPublished(UID, 'doc1'),
    ]);
    db.release();
    expect(await answers).toEqual([true, true]);
    expect(db.queries()).toBe(1);
    expect(db.service.isPublished(UID, 'doc1')).toBe(true);
  });

  it('remembers a "not published" answer for notFoundCacheMs only', async () => {
    jest.useFakeTimers({ now: 1_000_000, doNotFake: ['nextTick', 'setImmediate'] });
    try {
      const db = setup(3000);
      expect(await db.service.checkPublished(UID, 'doc2')).toBe(false);
      db.publishedRows.add('doc2');
      expect(await db.service.checkPublished(UID, 'doc2')).toBe(false);
      expect(db.queries()).toBe(1);
      jest.setSystemTime(1_000_000 + 3001);
      expect(await db.service.checkPublished(UID, 'doc2')).toBe(true);
      expect(db.queries()).toBe(2);
    } finally {
      jest.useRealTimers();
    }
  });

  it('forgets a document after a change, so the next view asks again, and a look-up older than the change stores nothing', async () => {
    const db = setup();
    db.publishedRows.add('doc3');
    expect(await db.service.checkPublished(UID, 'doc3')).toBe(true);
    // an unpublish commits while a refresh that read the old state is still on its way
    db.hold();
    const stale = db.service.refresh(UID, 'doc3');
    db.publishedRows.delete('doc3');
    db.service.forget(UID, 'doc3');
    db.release();
    await stale;
    expect(db.service.isPublished(UID, 'doc3')).toBe(false);
    expect(await db.service.checkPublished(UID, 'doc3')).toBe(false);
  });

  it('does not remember "not published" from a refresh after a change (a publish may follow before this instance hears of it)', async () => {
    const db = setup();
    // a draft was created: the refresh after it finds no published row
    expect(await db.service.refresh(UID, 'doc4')).toEqual({ exists: true, published: false });
    // it is published on another instance; a view arrives here before the announcement
    db.publishedRows.add('doc4');
    expect(await db.service.checkPublished(UID, 'doc4')).toBe(true);
  });
});
