import { checkRelatedRules, checkWordLists, listsFor, WORD_LIMITS } from '../settings-input';

describe('checkWordLists', () => {
  it('keeps trimmed entries once per locale and drops empty locales', () => {
    expect(
      checkWordLists({
        '*': { banned: [' spam ', 'Spam', ''], suspect: ['casino'] },
        fr: { banned: [], suspect: [] },
        'de-AT': { suspect: ['kasino'] },
      })
    ).toEqual({
      value: {
        '*': { banned: ['spam'], suspect: ['casino'] },
        'de-AT': { banned: [], suspect: ['kasino'] },
      },
    });
  });

  it.each([
    [[], 'The word lists must be an object: { "<locale or *>": { banned, suspect } }'],
    [
      { 'not a locale': { banned: [] } },
      '"not a locale" is not a locale code (or "*" for every locale)',
    ],
    [{ en: { banned: 'spam' } }, 'en.banned must be a list of words'],
    [{ en: { banned: [1] } }, 'en.banned must hold only strings'],
    [{ en: { blocked: [] } }, 'en may only have "banned" and "suspect" (not blocked)'],
    [
      { en: { suspect: ['x'.repeat(WORD_LIMITS.entryLength + 1)] } },
      `en.suspect: "xxxxxxxxxxxxxxxxxxxx…" is longer than ${WORD_LIMITS.entryLength} characters`,
    ],
    [
      { en: { banned: Array.from({ length: WORD_LIMITS.entries + 1 }, (_, i) => `w${i}`) } },
      `en.banned has ${WORD_LIMITS.entries + 1} entries (at most ${WORD_LIMITS.entries})`,
    ],
  ])('refuses %j with a message', (input, problem) => {
    expect(checkWordLists(input)).toEqual({ problem });
  });

  it('caps the number of locales', () => {
    const many = Object.fromEntries(
      Array.from({ length: WORD_LIMITS.locales + 1 }, (_, i) => [
        `x${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`,
        { banned: ['a'] },
      ])
    );
    expect(checkWordLists(many)).toEqual({
      problem: `At most ${WORD_LIMITS.locales} locales may have word lists`,
    });
  });
});

describe('checkRelatedRules', () => {
  const rule = {
    contentType: 'api::article.article',
    field: 'tags',
    target: 'api::tag.tag',
    documentIds: ['a1', 'a1', 'b2'],
  };

  it('accepts rules and removes repeated documentIds', () => {
    expect(checkRelatedRules([rule])).toEqual({ value: [{ ...rule, documentIds: ['a1', 'b2'] }] });
  });

  it.each([
    [{}, 'The rules must be a list of { contentType, field, target, documentIds }'],
    [[{ ...rule, contentType: 'article' }], 'Rule 1: "contentType" must be a content type uid'],
    [[{ ...rule, field: 'tags; drop' }], 'Rule 1: "field" must be an attribute name'],
    [[{ ...rule, documentIds: [] }], 'Rule 1: "documentIds" must list at least one documentId'],
    [
      [rule, { ...rule, documentIds: ['../x'] }],
      'Rule 2: "documentIds" holds something that is not a documentId',
    ],
  ])('refuses %j with a message', (input, problem) => {
    expect(checkRelatedRules(input)).toEqual({ problem });
  });
});

describe('listsFor', () => {
  it('joins the lists for every locale with the locale’s own', () => {
    expect(
      listsFor({ '*': { banned: ['a'], suspect: ['b'] }, en: { banned: ['c'], suspect: [] } }, 'en')
    ).toEqual({ banned: ['a', 'c'], suspect: ['b'] });
    expect(listsFor({}, 'fr')).toEqual({ banned: [], suspect: [] });
  });
});
