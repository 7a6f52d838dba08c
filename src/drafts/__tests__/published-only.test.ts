import {
  draftRelationSort,
  objectMorphFragments,
  publishedOnlyFilters,
  publishedOnlyPopulate,
  type ModelLike,
} from '../published-only';

/** A miniature of the app's schema: articles (draft & publish) ↔ tags, credits → articles, a component. */
const MODELS: Record<string, ModelLike> = {
  'api::article.article': {
    options: { draftAndPublish: true },
    attributes: {
      title: { type: 'string' },
      tags: { type: 'relation', target: 'api::tag.tag' },
      coverCredit: { type: 'relation', target: 'api::image-credit.image-credit' },
      cover: { type: 'media' },
    },
  },
  'api::tag.tag': {
    options: { draftAndPublish: false },
    attributes: {
      name: { type: 'string' },
      articles: { type: 'relation', target: 'api::article.article' },
    },
  },
  'api::image-credit.image-credit': {
    attributes: {
      creator: { type: 'string' },
      articles: { type: 'relation', target: 'api::article.article' },
    },
  },
  'shared.related': {
    attributes: { article: { type: 'relation', target: 'api::article.article' } },
  },
  'api::page.page': { attributes: { related: { type: 'component', component: 'shared.related' } } },
  'plugin::upload.file': { attributes: { name: { type: 'string' } } },
};
const getModel = (uid: string) => MODELS[uid];
const tag = MODELS['api::tag.tag'];
const article = MODELS['api::article.article'];
const PUBLISHED = { publishedAt: { $notNull: true } };

describe('publishedOnlyFilters', () => {
  it('limits a relation step into a draft & publish type to published rows', () => {
    expect(
      publishedOnlyFilters({ articles: { title: { $contains: 'x' } } }, tag, getModel)
    ).toEqual({
      articles: { $and: [{ title: { $contains: 'x' } }, PUBLISHED] },
    });
  });

  it('follows nesting, logical operators and components', () => {
    expect(
      publishedOnlyFilters(
        { $or: [{ name: 'AI' }, { $not: { articles: { tags: { articles: { id: 3 } } } } }] },
        tag,
        getModel
      )
    ).toEqual({
      $or: [
        { name: 'AI' },
        {
          $not: {
            articles: {
              $and: [{ tags: { articles: { $and: [{ id: 3 }, PUBLISHED] } } }, PUBLISHED],
            },
          },
        },
      ],
    });
    expect(
      publishedOnlyFilters(
        { related: { article: { title: 'x' } } },
        MODELS['api::page.page'],
        getModel
      )
    ).toEqual({
      related: { article: { $and: [{ title: 'x' }, PUBLISHED] } },
    });
  });

  it('reads a bare id as an id filter', () => {
    expect(publishedOnlyFilters({ articles: 5 }, tag, getModel)).toEqual({
      articles: { $and: [{ id: 5 }, PUBLISHED] },
    });
  });

  it('leaves own fields and relations into other types alone', () => {
    const filters = {
      title: { $eq: 'x' },
      tags: { name: 'AI' },
      coverCredit: { creator: 'Jane' },
      cover: { name: 'a.jpg' },
    };
    expect(publishedOnlyFilters(filters, article, getModel)).toEqual(filters);
    expect(publishedOnlyFilters(undefined, article, getModel)).toBeUndefined();
  });
});

describe('publishedOnlyPopulate', () => {
  it('rewrites the filters of populated relations at any depth', () => {
    const populate = {
      tags: {
        filters: { articles: { title: 'x' } },
        populate: { articles: { filters: { tags: { name: 'AI' } } } },
      },
    };
    expect(publishedOnlyPopulate(populate, article, getModel)).toEqual({
      tags: {
        filters: { articles: { $and: [{ title: 'x' }, PUBLISHED] } },
        populate: { articles: { filters: { tags: { name: 'AI' } } } },
      },
    });
  });

  it('returns string, array and boolean forms as they are', () => {
    expect(publishedOnlyPopulate('*', tag, getModel)).toBe('*');
    expect(publishedOnlyPopulate(['articles.tags'], tag, getModel)).toEqual(['articles.tags']);
    expect(publishedOnlyPopulate({ articles: true }, tag, getModel)).toEqual({ articles: true });
  });
});

describe('draftRelationSort', () => {
  it.each([
    ['articles.title:asc', 'articles'],
    ['name:asc,articles.title', 'articles'],
    [['name', 'articles.title:desc'], 'articles'],
    [{ articles: { title: 'asc' } }, 'articles'],
    [[{ name: 'asc' }, { articles: { title: 'desc' } }], 'articles'],
  ])('finds the draft & publish relation in %p', (sort, path) => {
    expect(draftRelationSort(sort, tag, getModel)).toBe(path);
  });

  it('finds it behind other relations', () => {
    expect(draftRelationSort('tags.articles.title', article, getModel)).toBe('tags.articles');
  });

  it.each(['name', 'name:desc,id', [{ name: 'asc' }], undefined])('lets %p through', (sort) => {
    expect(draftRelationSort(sort, tag, getModel)).toBeNull();
  });

  it('lets own fields and non draft & publish relations through', () => {
    expect(draftRelationSort(['title:asc', 'coverCredit.creator'], article, getModel)).toBeNull();
  });
});

describe('objectMorphFragments', () => {
  it('writes `true` fragments of polymorphic relations as objects, at any depth', () => {
    expect(
      objectMorphFragments({
        related: {
          on: {
            'api::article.article': true,
            'api::tag.tag': { populate: { x: { on: { 'a.b': true } } } },
          },
        },
      })
    ).toEqual({
      related: {
        on: {
          'api::article.article': {},
          'api::tag.tag': { populate: { x: { on: { 'a.b': {} } } } },
        },
      },
    });
  });

  it('leaves other populates as they are', () => {
    expect(objectMorphFragments(['role'])).toEqual(['role']);
    expect(objectMorphFragments({ role: true, tags: { select: ['name'] } })).toEqual({
      role: true,
      tags: { select: ['name'] },
    });
  });
});
