import { topLevelDocumentIds, withEngagement } from '../engagement-field';

/** What the field must look like whatever path attaches it: parse, set on top-level entries, serialize. */
function parsedReference(stored: string, figures: ReadonlyMap<string, unknown>): string {
  const body = JSON.parse(stored) as { data?: unknown };
  const entries = Array.isArray(body.data) ? body.data : body.data ? [body.data] : [];
  for (const entry of entries as Array<{ documentId?: unknown; engagement?: unknown } | null>) {
    if (typeof entry?.documentId === 'string' && figures.has(entry.documentId))
      entry.engagement = figures.get(entry.documentId);
  }
  return JSON.stringify(body);
}

describe('topLevelDocumentIds and withEngagement', () => {
  it('reads the documentIds of a list or a single entry', () => {
    expect(
      topLevelDocumentIds({ data: [{ documentId: 'a' }, { documentId: 'b' }, { id: 3 }] })
    ).toEqual(['a', 'b']);
    expect(topLevelDocumentIds({ data: { documentId: 'c' } })).toEqual(['c']);
    expect(topLevelDocumentIds({ data: null })).toEqual([]);
  });

  it('adds engagement to top-level entries only, leaving the stored body as it was', () => {
    const stored = JSON.stringify({
      data: [{ documentId: 'a', tags: [{ documentId: 't' }] }, { documentId: 'b' }],
      meta: {},
    });
    const sent = JSON.parse(withEngagement(stored, new Map([['a', { views: 3, shares: 1 }]])));
    expect(sent.data[0].engagement).toEqual({ views: 3, shares: 1 });
    expect(sent.data[0].tags[0].engagement).toBeUndefined();
    expect(sent.data[1].engagement).toBeUndefined();
    expect(JSON.parse(stored).data[0].engagement).toBeUndefined();
  });
});

describe('withEngagement on a body object (the plugin decorating a response)', () => {
  it('sets the field on each entry with figures and returns the same object', () => {
    const body = {
      data: [{ documentId: 'a', title: 'A' }, { documentId: 'b' }, { id: 3 }],
      meta: { pagination: {} },
    };
    const result = withEngagement(
      body,
      new Map([
        ['a', { views: 1, shares: 2 }],
        ['b', { views: 0, shares: 0 }],
      ])
    );
    expect(result).toBe(body);
    expect(body.data).toEqual([
      { documentId: 'a', title: 'A', engagement: { views: 1, shares: 2 } },
      { documentId: 'b', engagement: { views: 0, shares: 0 } },
      { id: 3 },
    ]);
  });

  it('decorates a single entry and leaves a null entry alone', () => {
    expect(
      withEngagement({ data: { documentId: 'c' } }, new Map([['c', { views: 5, shares: 0 }]]))
    ).toEqual({ data: { documentId: 'c', engagement: { views: 5, shares: 0 } } });
    expect(withEngagement({ data: null }, new Map([['c', { views: 5, shares: 0 }]]))).toEqual({
      data: null,
    });
  });
});

describe('withEngagement on stored JSON text (a response cache hit)', () => {
  const figures = new Map<string, unknown>([
    ['a', { views: 3, shares: 1 }],
    ['b', { views: 0, shares: 0 }],
    ['we"ird', { views: 7, shares: 7 }],
  ]);

  it.each([
    [
      'a list',
      {
        data: [
          {
            id: 1,
            documentId: 'a',
            title: 'A {not} [nested]',
            tags: [{ documentId: 'b', n: { x: [1, { y: '}' }] } }],
          },
          { id: 2, documentId: 'b' },
        ],
        meta: { pagination: { page: 1 } },
      },
    ],
    [
      'one entry',
      {
        data: {
          id: 1,
          documentId: 'a',
          body: [{ type: 'paragraph', children: [{ text: 'a "quoted" \\ back\\"slash' }] }],
        },
        meta: {},
      },
    ],
    [
      'an entry whose documentId comes late',
      { data: { title: 'x', nested: { documentId: 'b' }, documentId: 'a' } },
    ],
    [
      'an empty entry and entries without figures',
      { data: [{}, { documentId: 'zzz' }, { documentId: 'b' }] },
    ],
    ['escapes in a documentId', { data: [{ documentId: 'we"ird' }] }],
    ['an empty list', { data: [], meta: {} }],
    ['null data', { data: null, meta: {} }],
    [
      'an entry that already shows engagement',
      { data: [{ documentId: 'a', engagement: { views: 0, shares: 0 }, title: 'T' }] },
    ],
    ['another first key', { meta: {}, data: [{ documentId: 'a' }] }],
    ['a list holding something else', { data: [1, { documentId: 'a' }] }],
    ['unicode and lone surrogates', { data: [{ documentId: 'a', title: 'é ✓ \ud800 \u2028' }] }],
  ])('gives what parsing would give: %s', (_name, body) => {
    const stored = JSON.stringify(body);
    expect(withEngagement(stored, figures)).toBe(parsedReference(stored, figures));
  });

  it('returns the stored text itself when no entry has figures', () => {
    const stored = JSON.stringify({ data: [{ documentId: 'x' }], meta: {} });
    expect(withEngagement(stored, figures)).toBe(stored);
  });

  it('splices compact text without parsing it', () => {
    const stored = JSON.stringify({
      data: [{ documentId: 'a', title: 'A' }, { documentId: 'b' }],
      meta: {},
    });
    const parse = jest.spyOn(JSON, 'parse');
    try {
      expect(withEngagement(stored, figures)).toBe(
        '{"data":[{"documentId":"a","title":"A","engagement":{"views":3,"shares":1}},{"documentId":"b","engagement":{"views":0,"shares":0}}],"meta":{}}'
      );
      expect(parse).not.toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
  });

  it('parses text that is not compact', () => {
    const stored = JSON.stringify({ data: [{ documentId: 'a' }] }, null, 2);
    expect(JSON.parse(withEngagement(stored, figures)).data[0].engagement).toEqual({
      views: 3,
      shares: 1,
    });
  });

  it('matches parsing on generated bodies', () => {
    // A small deterministic generator of nested content: strings with JSON's special characters, lists, objects.
    let seed = 7;
    const next = (limit: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % limit;
    };
    const pieces = ['{', '}', '[', ']', '"', '\\', ':', ',', 'documentId', 'engagement', 'é', ' '];
    const text = () => Array.from({ length: next(6) }, () => pieces[next(pieces.length)]).join('');
    const value = (depth: number): unknown => {
      const kind = next(depth > 2 ? 3 : 5);
      if (kind === 0) return text();
      if (kind === 1) return next(1000) - 500;
      if (kind === 2) return next(2) === 0 ? null : true;
      if (kind === 3) return Array.from({ length: next(4) }, () => value(depth + 1));
      return Object.fromEntries(Array.from({ length: next(4) }, () => [text(), value(depth + 1)]));
    };
    for (let run = 0; run < 300; run += 1) {
      const entry = () => ({
        id: next(100),
        documentId: ['a', 'b', 'c', 'we"ird'][next(4)],
        ...(value(1) as object),
        [text()]: value(1),
      });
      const body =
        next(3) === 0
          ? { data: entry() }
          : { data: Array.from({ length: next(5) }, entry), meta: value(1) };
      const stored = JSON.stringify(body);
      expect(withEngagement(stored, figures)).toBe(parsedReference(stored, figures));
    }
  });
});
