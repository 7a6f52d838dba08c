import { parse } from 'qs';
import { draftQueryParam, populateDepth } from '../query-rules';

/** Parses a query string the way Strapi's `strapi::query` middleware does. */
const query = (search: string) => parse(search, { strictNullHandling: true, arrayLimit: 100, depth: 20 }) as Record<string, unknown>;

describe('draftQueryParam', () => {
  it.each([
    ['status=draft', 'status'],
    ['status[0]=draft', 'status'],
    ['status=anything', 'status'],
    ['publicationFilter=modified', 'publicationFilter'],
    ['hasPublishedVersion=false', 'hasPublishedVersion'],
    ['publicationState=preview', 'publicationState'],
  ])('flags %s', (search, param) => {
    expect(draftQueryParam(query(search))).toBe(param);
  });

  it.each(['', 'status=published', 'publicationState=live', 'populate=*', 'status='])('lets %p through', (search) => {
    expect(draftQueryParam(query(search))).toBeNull();
  });
});

describe('populateDepth', () => {
  it.each([
    ['', 0],
    ['populate=*', 1],
    ['populate=articles', 1],
    ['populate=articles,cover', 1],
    ['populate=articles.tags', 2],
    ['populate=articles.tags.articles', 3],
    ['populate[0]=articles&populate[1]=coverCredit.articles.tags', 3],
    ['populate[articles]=true', 1],
    ['populate[articles]=false', 0],
    ['populate[articles][populate]=*', 2],
    ['populate[articles][populate][tags]=true', 2],
    ['populate[articles][populate][0]=tags.articles', 3],
    ['populate[articles][populate][tags][populate][articles][populate][tags]=true', 4],
    ['populate[articles][fields][0]=title&populate[articles][count]=true', 1],
    ['populate[blocks][on][shared.quote][populate][author][populate]=*', 3],
  ])('%s is %i deep', (search, depth) => {
    expect(populateDepth(query(search).populate)).toBe(depth);
  });

  it('reads numeric keys past the array limit as string forms', () => {
    expect(populateDepth({ 150: 'articles.tags.articles' })).toBe(3);
  });
});
