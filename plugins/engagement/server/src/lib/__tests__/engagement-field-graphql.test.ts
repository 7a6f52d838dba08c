import {
  parse,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
} from 'graphql';
import {
  engagementSpot,
  withLiveEngagement,
  type ResolvedField,
} from '../engagement-field-graphql';

/** The `engagement` field of `query { articles { e: engagement … } }` as Apollo resolves it for the first article. */
function resolvedField(query: string, fieldName = 'engagement'): ResolvedField {
  const document = parse(query);
  const fragments = Object.fromEntries(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === 'FragmentDefinition')
      .map((f) => [f.name.value, f])
  );
  const articles = (document.definitions[0] as OperationDefinitionNode).selectionSet
    .selections[0] as FieldNode;
  const field = articles.selectionSet!.selections[0] as FieldNode;
  const path = {
    prev: {
      prev: { prev: undefined, key: 'articles', typename: 'Query' },
      key: 0,
      typename: undefined,
    },
    key: field.alias?.value ?? field.name.value,
    typename: 'Article',
  };
  return { fieldName, parentType: { name: 'Article' }, path, fieldNodes: [field], fragments };
}

const uidOf = (typeName: string) => (typeName === 'Article' ? 'api::article.article' : undefined);

describe('engagementSpot', () => {
  it('records where an engagement field stands, with its selection and every fragment inlined', () => {
    const field = resolvedField(
      'query { articles { e: engagement { ...E shares { ... on EngagementShares { total } } } } } fragment E on Engagement { v: views }'
    );
    const spot = engagementSpot(field, 'a', uidOf);
    expect(spot).toEqual({
      path: ['articles', 0, 'e'],
      uid: 'api::article.article',
      documentId: 'a',
      selection: expect.any(String),
    });
    expect(spot?.selection.replace(/\s+/g, ' ')).toBe('{ v: views shares { total } }');
  });

  it('records nothing for another field, a parent without a documentId or a type that is not a content type', () => {
    const field = resolvedField('query { articles { title } }', 'title');
    expect(engagementSpot(field, 'a', uidOf)).toBeNull();
    expect(
      engagementSpot(resolvedField('query { articles { engagement { views } } }'), undefined, uidOf)
    ).toBeNull();
    expect(
      engagementSpot(
        resolvedField('query { articles { engagement { views } } }'),
        'a',
        () => undefined
      )
    ).toBeNull();
  });
});

describe('withLiveEngagement', () => {
  const stored = JSON.stringify({
    data: {
      articles: [
        { title: 'A', e: { __typename: 'Engagement', v: 1, shares: { total: 0 } } },
        { title: 'B', e: { v: 5, shares: { total: 2 } } },
      ],
    },
  });
  const live = { views: 9, shares: { total: 3, byNetwork: { x: 3 } } };

  it('writes live values into every recorded spot, by alias, keeping other fields', () => {
    const body = withLiveEngagement(
      stored,
      [
        {
          path: ['articles', 0, 'e'],
          uid: 'api::article.article',
          documentId: 'a',
          selection: '{ __typename v: views shares { total } }',
        },
      ],
      new Map([['api::article.article', new Map([['a', live]])]])
    );
    expect(JSON.parse(body).data.articles).toEqual([
      { title: 'A', e: { __typename: 'Engagement', v: 9, shares: { total: 3 } } },
      { title: 'B', e: { v: 5, shares: { total: 2 } } },
    ]);
  });

  it('keeps the stored value when a document has no live value', () => {
    const body = withLiveEngagement(
      stored,
      [
        {
          path: ['articles', 1, 'e'],
          uid: 'api::article.article',
          documentId: 'b',
          selection: '{ v: views }',
        },
      ],
      new Map()
    );
    expect(body).toBe(stored);
  });

  it('writes the live values into a spot recorded while the query ran', () => {
    const spot = engagementSpot(
      resolvedField('query { articles { e: engagement { v: views } } }'),
      'a',
      uidOf
    );
    const body = withLiveEngagement(
      stored,
      spot ? [spot] : [],
      new Map([['api::article.article', new Map([['a', live]])]])
    );
    expect(JSON.parse(body).data.articles[0].e).toEqual({
      __typename: 'Engagement',
      v: 9,
      shares: { total: 0 },
    });
  });
});
