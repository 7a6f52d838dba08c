import { draftQueryParam, populateDepth } from '../query-rules';

// Queries as Strapi's `strapi::query` middleware (qs) parses them; the HTTP forms are in the test names
// and are exercised over HTTP in tests/populate-limits.test.ts.

describe('draftQueryParam', () => {
  it.each([
    ['status=draft', { status: 'draft' }, 'status'],
    ['status[0]=draft', { status: ['draft'] }, 'status'],
    ['status=anything', { status: 'anything' }, 'status'],
    ['publicationFilter=modified', { publicationFilter: 'modified' }, 'publicationFilter'],
    ['hasPublishedVersion=false', { hasPublishedVersion: 'false' }, 'hasPublishedVersion'],
    ['publicationState=preview', { publicationState: 'preview' }, 'publicationState'],
  ])('flags %s', (_search, query, param) => {
    expect(draftQueryParam(query)).toBe(param);
  });

  it.each([
    ['(none)', {}],
    ['status=published', { status: 'published' }],
    ['publicationState=live', { publicationState: 'live' }],
    ['populate=*', { populate: '*' }],
    ['status=', { status: '' }],
  ])('lets %s through', (_search, query) => {
    expect(draftQueryParam(query)).toBeNull();
  });
});

describe('populateDepth', () => {
  it.each([
    ['(none)', 0, undefined],
    ['populate=*', 1, '*'],
    ['populate=articles', 1, 'articles'],
    ['populate=articles,cover', 1, 'articles,cover'],
    ['populate=articles.tags', 2, 'articles.tags'],
    ['populate=articles.tags.articles', 3, 'articles.tags.articles'],
    [
      'populate[0]=articles&populate[1]=coverCredit.articles.tags',
      3,
      ['articles', 'coverCredit.articles.tags'],
    ],
    ['populate[articles]=true', 1, { articles: 'true' }],
    ['populate[articles]=false', 0, { articles: 'false' }],
    ['populate[articles][populate]=*', 2, { articles: { populate: '*' } }],
    ['populate[articles][populate][tags]=true', 2, { articles: { populate: { tags: 'true' } } }],
    [
      'populate[articles][populate][0]=tags.articles',
      3,
      { articles: { populate: ['tags.articles'] } },
    ],
    [
      'populate[articles][populate][tags][populate][articles][populate][tags]=true',
      4,
      {
        articles: {
          populate: { tags: { populate: { articles: { populate: { tags: 'true' } } } } },
        },
      },
    ],
    [
      'populate[articles][fields][0]=title&populate[articles][count]=true',
      1,
      { articles: { fields: ['title'], count: 'true' } },
    ],
    [
      'populate[blocks][on][shared.quote][populate][author][populate]=*',
      3,
      { blocks: { on: { 'shared.quote': { populate: { author: { populate: '*' } } } } } },
    ],
  ])('%s is %i deep', (_search, depth, populate) => {
    expect(populateDepth(populate)).toBe(depth);
  });

  it('reads numeric keys past the array limit as string forms', () => {
    expect(populateDepth({ 150: 'articles.tags.articles' })).toBe(3);
  });
});
