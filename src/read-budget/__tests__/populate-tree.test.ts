import { estimateCost, populateObject, populateTree, type SchemaLike } from '../populate-tree';

const schemas: Record<string, SchemaLike> = {
  'api::article.article': {
    attributes: {
      title: { type: 'string' },
      cover: { type: 'media', multiple: false },
      coverCredit: {
        type: 'relation',
        relation: 'manyToOne',
        target: 'api::image-credit.image-credit',
      },
      tags: { type: 'relation', relation: 'manyToMany', target: 'api::tag.tag' },
    },
  },
  'api::tag.tag': {
    attributes: {
      name: { type: 'string' },
      articles: { type: 'relation', relation: 'manyToMany', target: 'api::article.article' },
    },
  },
  'api::image-credit.image-credit': {
    attributes: {
      articles: { type: 'relation', relation: 'oneToMany', target: 'api::article.article' },
    },
  },
  'plugin::upload.file': { attributes: { url: { type: 'string' } } },
};
const getSchema = (uid: string) => schemas[uid];
const article = schemas['api::article.article'];

describe('populateObject', () => {
  it('reads every form Strapi accepts into one object form', () => {
    expect(populateObject('*', article)).toEqual({ cover: true, coverCredit: true, tags: true });
    expect(populateObject('tags.articles,cover', article)).toEqual({
      tags: { populate: { articles: true } },
      cover: true,
    });
    expect(populateObject(['tags', 'tags.articles'], article)).toEqual({
      tags: { populate: { articles: true } },
    });
    expect(
      populateObject({ tags: { populate: '*' }, cover: 'false', title: true, nope: true }, article)
    ).toEqual({ tags: { populate: '*' } });
    expect(populateObject({ 0: 'tags.articles', 1: 'cover' }, article)).toEqual({
      tags: { populate: { articles: true } },
      cover: true,
    });
    expect(populateObject(undefined, article)).toEqual({});
  });
});

describe('estimateCost', () => {
  const sizes: Record<string, number> = {
    'api::article.article.tags': 5,
    'api::tag.tag.articles': 600,
  };
  const sizeOf = (node: { parentUid: string; attribute: string }) =>
    sizes[`${node.parentUid}.${node.attribute}`] ?? 0;

  it('multiplies page size by each populated list along every path and names the costliest', () => {
    const tree = populateTree(
      { tags: { populate: { articles: true } } },
      'api::article.article',
      getSchema
    );
    const estimate = estimateCost(100, tree, sizeOf);
    expect(estimate.entries).toBe(100 + 100 * 5 + 100 * 5 * 600);
    expect(estimate.costliest).toEqual({
      path: 'tags.articles',
      entries: 300_000,
      factors: [100, 5, 600],
    });
  });

  it('counts to-one relations as one entry per parent, and count-only populates as none', () => {
    const tree = populateTree(
      { cover: true, coverCredit: { populate: { articles: { count: true } } } },
      'api::article.article',
      getSchema
    );
    expect(estimateCost(10, tree, sizeOf).entries).toBe(10 + 10 + 10);
  });

  it('costs the entries alone without a populate', () => {
    expect(estimateCost(25, [], sizeOf)).toEqual({
      entries: 25,
      costliest: { path: '', entries: 25, factors: [25] },
    });
  });
});
