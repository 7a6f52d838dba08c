import type { Core } from '@strapi/strapi';
import { DEFAULT_CONFIG } from '../../config';
import documentsFactory from '../documents';

const article = { info: { singularName: 'article' }, collectionName: 'articles', attributes: { title: {}, slug: {}, body: {} } };

function fakeStrapi(contentTypes: string[], registered: Record<string, unknown>) {
  return {
    config: { get: () => ({ ...structuredClone(DEFAULT_CONFIG), contentTypes }) },
    contentType: (uid: string) => registered[uid],
    contentTypes: registered,
  } as unknown as Core.Strapi;
}

describe('documents service: tracked types', () => {
  it('resolves configured types by singular name with the list fields they have', () => {
    const service = documentsFactory({ strapi: fakeStrapi(['api::article.article'], { 'api::article.article': article }) });
    service.resolveTypes();
    expect(service.byName('article')).toMatchObject({ uid: 'api::article.article', listFields: ['title', 'slug'] });
    expect(service.byName('articles')).toBeUndefined();
    expect(service.isPublished('api::article.article', 'any')).toBe(false);
  });

  it('refuses a content type the app does not have, naming the ones it has', () => {
    const service = documentsFactory({ strapi: fakeStrapi(['api::recipe.recipe'], { 'api::article.article': article }) });
    expect(() => service.resolveTypes()).toThrow('contentTypes lists "api::recipe.recipe", which is not a content type of this app. Existing ones: api::article.article.');
  });

  it('refuses two types with the same singular name', () => {
    const service = documentsFactory({
      strapi: fakeStrapi(['api::article.article', 'plugin::blog.article'], { 'api::article.article': article, 'plugin::blog.article': article }),
    });
    expect(() => service.resolveTypes()).toThrow(/share the name "article"/);
  });
});
