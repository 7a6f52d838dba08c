import { countKey, topLevelEntries, withCommentCounts } from '../comments-field';

it('adds comments.count to every top-level entry by documentId and locale, 0 when none', () => {
  const body = {
    data: [
      { documentId: 'a', locale: 'en' },
      { documentId: 'a', locale: 'fr' },
      { documentId: 'b', locale: 'en' },
      { id: 3 },
    ],
    meta: {},
  };
  expect(topLevelEntries(body)).toEqual([
    { documentId: 'a', locale: 'en' },
    { documentId: 'a', locale: 'fr' },
    { documentId: 'b', locale: 'en' },
  ]);
  const result = withCommentCounts(
    body,
    new Map([
      [countKey('a', 'en'), 2],
      [countKey('a', 'fr'), 1],
    ])
  );
  expect(result).toBe(body);
  expect(body.data).toEqual([
    { documentId: 'a', locale: 'en', comments: { count: 2 } },
    { documentId: 'a', locale: 'fr', comments: { count: 1 } },
    { documentId: 'b', locale: 'en', comments: { count: 0 } },
    { id: 3 },
  ]);
});

it('handles one entry, no locale (a type that is not localized), and bodies without data', () => {
  const one = { data: { documentId: 'x' } };
  expect(withCommentCounts(one, new Map([[countKey('x', ''), 5]]))).toEqual({
    data: { documentId: 'x', comments: { count: 5 } },
  });
  expect(topLevelEntries({ data: null })).toEqual([]);
  expect(topLevelEntries('text')).toEqual([]);
});
