import { buildSchema, parse } from 'graphql';
import { estimateOperation, operationShape } from '../graphql-cost';

const schema = buildSchema(`
  type Tag { name: String articles(pagination: Pagination): [Article]! }
  type Article { title: String tags(pagination: Pagination): [Tag]! cover: File }
  type File { url: String }
  input Pagination { limit: Int }
  type Query { articles(pagination: Pagination): [Article]! article(id: ID): Article }
`);

describe('operationShape', () => {
  it('counts fields and aliases with fragments expanded, without expanding them', () => {
    const fragments = Array.from(
      { length: 40 },
      (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`
    ).join('\n');
    const bomb = parse(
      `query { ...F0 }\n${fragments}\nfragment F40 on Query { a: articles { title } }`
    );
    const shape = operationShape(bomb);
    expect(shape.fields).toBe(2 ** 40 * 2);
    expect(shape.aliases).toBe(2 ** 40);
  });

  it('notices introspection', () => {
    expect(operationShape(parse('{ __schema { types { name } } }')).introspection).toBe(true);
    expect(operationShape(parse('{ articles { title } }')).introspection).toBe(false);
  });
});

describe('estimateOperation', () => {
  const sizeOf = async (field: { fieldName: string; args: Record<string, unknown> }) =>
    Number((field.args.pagination as { limit?: number } | undefined)?.limit ?? 25);

  it('multiplies list fields by their page along every path, with variables applied', async () => {
    const document = parse(
      'query ($n: Int) { articles(pagination: { limit: $n }) { title cover { url } tags(pagination: { limit: 4 }) { articles { title } } } }'
    );
    const estimate = await estimateOperation({ schema, document, variables: { n: 10 }, sizeOf });
    expect(estimate.entries).toBe(10 + 10 + 10 * 4 + 10 * 4 * 25);
    expect(estimate.costliest).toEqual({
      path: 'articles.tags.articles',
      entries: 1000,
      factors: [10, 4, 25],
    });
  });

  it('counts each alias of a list on its own', async () => {
    const document = parse('{ a: articles { title } b: articles { title } }');
    expect((await estimateOperation({ schema, document, sizeOf })).entries).toBe(50);
  });
});
