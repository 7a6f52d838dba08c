import {
  ANY_WRITE_TAG,
  declareResponseDependencies,
  DEPENDENCIES_STATE_KEY,
  documentTag,
  isFresh,
  listTag,
  MAX_DEPENDENCIES,
  mediaIdTag,
  mediaUrlTag,
  relationsTag,
  responseDependencies,
} from '../dependencies';

const ARTICLE = 'api::article.article';
const RELATION_KEYS = new Set(['tags', 'articles', 'cover', 'coverCredit']);

describe('responseDependencies', () => {
  it('names a single article, the tags and cover it populates, and the credit the answer adds', () => {
    const body = {
      data: {
        id: 1,
        documentId: 'art',
        title: 'Hello',
        tags: [{ id: 3, documentId: 'tag-ai', name: 'AI' }],
        cover: {
          id: 9,
          documentId: 'file-9',
          url: '/uploads/c.png',
          mime: 'image/png',
          formats: { small: { url: '/uploads/small_c.png', mime: 'image/png' } },
        },
        effectiveCoverCredit: { documentId: 'credit-1', creator: 'Jane' },
      },
      meta: { localizations: [{ locale: 'fr', documentId: 'art' }] },
    };
    // The tag shown inside the article does not depend on the tag's relations: publishing another
    // article with that tag leaves this answer cached.
    expect(responseDependencies(body, { uid: ARTICLE, relationKeys: RELATION_KEYS })).toEqual(
      [
        documentTag('art'),
        relationsTag('art'),
        documentTag('tag-ai'),
        documentTag('file-9'),
        documentTag('credit-1'),
        mediaIdTag(9),
      ].sort()
    );
  });

  it('depends on the relations of a nested document that shows one, even empty', () => {
    const body = {
      data: {
        documentId: 'tag',
        articles: [
          { documentId: 'a1', coverCredit: null },
          { documentId: 'a2', title: 'no relation shown' },
        ],
      },
    };
    expect(
      responseDependencies(body, { uid: 'api::tag.tag', relationKeys: RELATION_KEYS })
    ).toEqual(
      [
        documentTag('tag'),
        relationsTag('tag'),
        documentTag('a1'),
        relationsTag('a1'),
        documentTag('a2'),
      ].sort()
    );
  });

  it("adds the list of the route's type when data is a list, also an empty one", () => {
    expect(
      responseDependencies(
        { data: [{ documentId: 'a' }, { documentId: 'b' }], meta: {} },
        { uid: ARTICLE }
      )
    ).toEqual(
      [
        documentTag('a'),
        relationsTag('a'),
        documentTag('b'),
        relationsTag('b'),
        listTag(ARTICLE),
      ].sort()
    );
    expect(responseDependencies({ data: [], meta: {} }, { uid: ARTICLE })).toEqual([
      listTag(ARTICLE),
    ]);
  });

  it('names the files a blocks body embeds by id, or by URL when the node kept only the URL', () => {
    const body = {
      data: {
        documentId: 'art',
        body: [
          {
            type: 'image',
            image: { id: 12, url: '/uploads/a.png', mime: 'image/png', name: 'a.png' },
            children: [],
          },
          {
            type: 'image',
            image: { url: '/uploads/b.png', mime: 'image/png', name: 'b.png' },
            children: [],
          },
        ],
      },
    };
    expect(responseDependencies(body, { uid: ARTICLE })).toEqual(
      [
        documentTag('art'),
        relationsTag('art'),
        mediaIdTag(12),
        mediaUrlTag('/uploads/b.png'),
      ].sort()
    );
  });

  it('depends on any write when nothing tells what the answer shows, or when it shows too much', () => {
    expect(responseDependencies({ data: { total: 3 } }, { uid: null })).toEqual([ANY_WRITE_TAG]);
    const many = {
      data: Array.from({ length: MAX_DEPENDENCIES + 1 }, (_, index) => ({
        documentId: `d${index}`,
      })),
    };
    expect(responseDependencies(many, { uid: ARTICLE })).toEqual([ANY_WRITE_TAG]);
  });

  it('adds what a route declared through ctx.state (a GraphQL GET, an aggregate)', () => {
    const ctx = { state: {} as Record<string, unknown> };
    declareResponseDependencies(ctx, { lists: [ARTICLE] });
    declareResponseDependencies(ctx, { documentIds: ['x'] });
    const declared = ctx.state[DEPENDENCIES_STATE_KEY] as never;
    const graphqlBody = { data: { articles: [{ documentId: 'a', title: 'A' }] } };
    expect(responseDependencies(graphqlBody, { uid: null, declared })).toEqual(
      [documentTag('a'), documentTag('x'), relationsTag('x'), listTag(ARTICLE)].sort()
    );
    declareResponseDependencies(ctx, { anyWrite: true });
    expect(
      responseDependencies(graphqlBody, {
        uid: null,
        declared: ctx.state[DEPENDENCIES_STATE_KEY] as never,
      })
    ).toEqual([ANY_WRITE_TAG]);
  });
});

describe('isFresh', () => {
  it('is fresh while no tag was written after the snapshot', () => {
    expect(isFresh(5, [null, 3, 5])).toBe(true);
    expect(isFresh(5, [null, 6])).toBe(false);
    expect(isFresh(0, [])).toBe(true);
  });
});
