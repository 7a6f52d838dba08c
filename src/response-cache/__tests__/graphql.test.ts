import { parse, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { selectionText, withLiveEngagement } from '../graphql';

describe('selectionText', () => {
  it('prints a field selection with fragments inlined', () => {
    const document = parse('query { article { engagement { ...E shares { ... on EngagementShares { total } } } } } fragment E on Engagement { v: views }');
    const fragments = Object.fromEntries(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === 'FragmentDefinition').map((f) => [f.name.value, f]));
    const article = (document.definitions[0] as OperationDefinitionNode).selectionSet.selections[0] as FieldNode;
    const engagement = article.selectionSet!.selections[0] as FieldNode;
    expect(selectionText([engagement], fragments).replace(/\s+/g, ' ')).toBe('{ v: views shares { total } }');
  });
});

describe('withLiveEngagement', () => {
  const stored = JSON.stringify({ data: { articles: [{ title: 'A', e: { __typename: 'Engagement', v: 1, shares: { total: 0 } } }, { title: 'B', e: { v: 5, shares: { total: 2 } } }] } });
  const live = { views: 9, shares: { total: 3, byNetwork: { x: 3 } } };

  it('writes live values into every recorded spot, by alias, keeping other fields', () => {
    const body = withLiveEngagement(stored, [{ path: ['articles', 0, 'e'], uid: 'api::article.article', documentId: 'a', selection: '{ __typename v: views shares { total } }' }], new Map([['api::article.article', new Map([['a', live]])]]));
    expect(JSON.parse(body).data.articles).toEqual([
      { title: 'A', e: { __typename: 'Engagement', v: 9, shares: { total: 3 } } },
      { title: 'B', e: { v: 5, shares: { total: 2 } } },
    ]);
  });

  it('keeps the stored value when a document has no live value', () => {
    const body = withLiveEngagement(stored, [{ path: ['articles', 1, 'e'], uid: 'api::article.article', documentId: 'b', selection: '{ v: views }' }], new Map());
    expect(body).toBe(stored);
  });
});
