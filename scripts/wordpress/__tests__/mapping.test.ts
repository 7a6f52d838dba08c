import {
  addToIndex,
  categoryPath,
  completeTranslations,
  emptyIndex,
  originalUrlOf,
} from '../export-index';
import { planPost, slugOf, sourceHash } from '../mapping';
import { attachmentsByKey, candidateUrls, locate, parseMediaSource, uploadKey } from '../media';
import { postRedirects, redirectsCsv, redirectsNginxMap } from '../redirects';
import { addViewRow, periodOf, type ViewCounts } from '../views';
import type { WxrItem } from '../wxr';

const item = (fields: Partial<WxrItem>): WxrItem => ({
  id: 1, title: 'T', link: 'https://site.example/2024/01/t/', creator: 'bob', guid: '', content: '', excerpt: '',
  date: '2024-01-01T00:00:00.000Z', name: 't', status: 'publish', parent: 0, type: 'post', password: '',
  sticky: false, attachmentUrl: '', terms: [], meta: new Map(), comments: [], ...fields,
}); // prettier-ignore

describe('slugs', () => {
  it('keeps valid slugs, decodes percent-encoded ones and transliterates what Strapi cannot hold', () => {
    expect(slugOf('hello-world')).toEqual({ slug: 'hello-world' });
    expect(slugOf('%d0%bf%d1%80%d0%b8%d0%b2%d0%b5%d1%82')).toMatchObject({ slug: 'privet' });
    expect(slugOf('caf%C3%A9')).toMatchObject({
      slug: 'cafe',
      note: expect.stringContaining('"café"'),
    });
    expect(slugOf('')).toEqual({});
    expect(slugOf('%e4%bd%a0%e5%a5%bd')).toEqual({
      note: expect.stringContaining('no Latin letters'),
    });
  });
});

describe('planPost', () => {
  const index = emptyIndex();
  addToIndex(index, {
    kind: 'term',
    term: {
      id: 2,
      taxonomy: 'category',
      slug: 'sea',
      name: 'Sea',
      parent: 'travel',
      description: '',
    },
  });
  addToIndex(index, {
    kind: 'term',
    term: {
      id: 1,
      taxonomy: 'category',
      slug: 'travel',
      name: 'Travel',
      parent: '',
      description: '',
    },
  });
  addToIndex(index, {
    kind: 'author',
    author: { id: 1, login: 'bob', email: '', displayName: 'Bob B.' },
  });

  it('maps statuses: publish keeps its date, future/private/password become drafts with a note', () => {
    expect(planPost(item({}), index)).toMatchObject({
      status: 'published',
      publishedAt: '2024-01-01T00:00:00.000Z',
      author: 'Bob B.',
      link: '/2024/01/t/',
    });
    expect(planPost(item({ status: 'future' }), index)).toMatchObject({
      status: 'draft',
      notes: [expect.stringMatching(/^scheduled for 2024-01-01/)],
    });
    expect(planPost(item({ status: 'private' }), index).notes).toEqual([
      'private: imported as a draft',
    ]);
    expect(planPost(item({ password: 'x' }), index)).toMatchObject({
      status: 'draft',
      notes: ['password-protected: imported as a draft'],
    });
    expect(planPost(item({ status: 'draft' }), index)).toMatchObject({
      status: 'draft',
      notes: [],
    });
  });

  it('names categories with their parents, whatever their order in the file', () => {
    expect(categoryPath(index, 'sea')).toBe('Travel / Sea');
    const plan = planPost(
      item({
        terms: [
          { domain: 'category', slug: 'sea', name: 'Sea' },
          { domain: 'post_tag', slug: 'x', name: 'X' },
        ],
      }),
      index
    );
    expect(plan.tags).toEqual(['Travel / Sea', 'X']);
    const leaf = planPost(
      item({ terms: [{ domain: 'category', slug: 'sea', name: 'Sea' }] }),
      index,
      'leaf'
    );
    expect(leaf.tags).toEqual(['Sea']);
  });

  it('fingerprints what the import reads, not comments or edit locks', () => {
    const a = item({ meta: new Map([['_edit_lock', ['1']]]) });
    const b = item({ meta: new Map([['_edit_lock', ['2']]]), comments: [{ id: 1 } as never] });
    expect(sourceHash(a, '1')).toBe(sourceHash(b, '1'));
    expect(sourceHash(item({ title: 'U' }), '1')).not.toBe(sourceHash(a, '1'));
    expect(sourceHash(a, '2')).not.toBe(sourceHash(a, '1'));
  });
});

describe('translations', () => {
  it('fills Polylang groups from the translation term when the posts do not name it', () => {
    const index = emptyIndex();
    addToIndex(index, {
      kind: 'item',
      item: item({ id: 5, terms: [{ domain: 'language', slug: 'fr', name: 'Français' }] }),
    });
    addToIndex(index, {
      kind: 'term',
      term: {
        id: 9,
        taxonomy: 'post_translations',
        slug: 'pll_1',
        name: 'pll_1',
        parent: '',
        description: 'a:2:{s:2:"en";i:4;s:2:"fr";i:5;}',
      },
    });
    completeTranslations(index);
    expect(index.translations.get(5)).toEqual({ language: 'fr', group: 'pll:pll_1' });
    expect(index.translations.get(4)).toEqual({ language: 'en', group: 'pll:pll_1' });
  });

  it('reads WPML export add-on meta', () => {
    const index = emptyIndex();
    addToIndex(index, {
      kind: 'item',
      item: item({
        id: 6,
        meta: new Map([
          ['_wpml_import_language_code', ['de']],
          ['_wpml_import_translation_group', ['77']],
        ]),
      }),
    });
    expect(index.translations.get(6)).toEqual({ language: 'de', group: 'wpml:77' });
  });
});

describe('media', () => {
  it('gives sized, scaled and original copies of an upload one key', () => {
    const keys = [
      'https://s.example/wp-content/uploads/2024/01/a-1024x683.jpg',
      'http://s.example/wp-content/uploads/2024/01/a-scaled.jpg',
      'https://s.example/wp-content/uploads/2024/01/a.jpg',
    ].map(uploadKey);
    expect(new Set(keys)).toEqual(new Set(['2024/01/a.jpg']));
    expect(uploadKey('https://elsewhere.example/a.jpg')).toBeNull();
  });

  it('tries the original first, from the site, a base URL or a folder', () => {
    const url = 'https://s.example/wp-content/uploads/2024/01/a-scaled.jpg';
    const attachment = {
      id: 1,
      url,
      originalUrl: originalUrlOf(url, { original_image: 'a.jpg' }),
      parent: 0,
      title: '',
      caption: '',
      alt: '',
      credit: '',
      copyright: '',
    };
    expect(candidateUrls(attachment)).toEqual([
      'https://s.example/wp-content/uploads/2024/01/a.jpg',
      url,
    ]);
    expect(locate(url, parseMediaSource('http://127.0.0.1:9/'))).toEqual({
      url: 'http://127.0.0.1:9/wp-content/uploads/2024/01/a-scaled.jpg',
    });
    expect(locate(url, parseMediaSource('/srv/uploads'))).toMatchObject({
      file: [
        '/srv/uploads/2024/01/a-scaled.jpg',
        '/srv/uploads/wp-content/uploads/2024/01/a-scaled.jpg',
        expect.any(String),
      ],
    });
    expect(attachmentsByKey([attachment]).get('2024/01/a.jpg')).toBe(1);
  });
});

describe('redirects', () => {
  it('maps the permalink, ?p=, old slugs and extra pages, and writes CSV and an nginx map', () => {
    const redirects = postRedirects(
      '/2024/01/new-name/',
      7,
      ['old-name'],
      'new-name',
      2,
      '/articles/new-name'
    );
    expect(redirects.map((r) => r.from)).toEqual([
      '/2024/01/new-name/',
      '/?p=7',
      '/2024/01/old-name/',
      '/2024/01/new-name/2/',
    ]);
    expect(redirectsCsv([...redirects, { from: '/a,b', to: '/x' }])).toContain('"/a,b",/x,301');
    expect(redirectsNginxMap(redirects)).toMatch(
      /^map \$request_uri \$wordpress_redirect \{\n {4}default "";\n {4}"\/2024\/01\/new-name\/" "\/articles\/new-name";/
    );
  });
});

describe('views CSV rows', () => {
  it('reads totals and days, ignores weeks, months and years, rejects nonsense', () => {
    const counts: ViewCounts = { byPost: new Map(), rejected: [] };
    for (const [period, count] of [
      ['total', '10'],
      ['20240105', '3'],
      ['2024-01-05', '2'],
      ['202401', '99'],
      ['2024', '99'],
    ])
      addViewRow(counts, { post_id: '4', period, count });
    addViewRow(counts, { post_id: 'x', period: 'total', count: '1' });
    expect(counts.byPost.get(4)).toEqual({ total: 10, days: new Map([[20240105, 5]]) });
    expect(counts.rejected).toHaveLength(1);
    expect(periodOf('2024-02-30')).toBeNull();
  });
});
