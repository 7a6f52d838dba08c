import { cleanName, foldCase, nameKey, stripInvisible } from '../names';

describe('nameKey', () => {
  it('gives one key for the spellings people read as "AI"', () => {
    const keys = [
      'AI',
      'ai',
      ' AI ',
      'Ａｉ',
      'A\u200bI',
      '\u202aAI\u202c',
      'A\u2060I',
      '\ufeffAi',
    ].map(nameKey);
    expect(new Set(keys)).toEqual(new Set(['ai']));
  });

  it('folds accented letters case-insensitively, beyond ASCII', () => {
    expect(nameKey('Été')).toBe(nameKey('été'));
    expect(nameKey('ÉTÉ')).toBe('été');
    expect(nameKey('Été')).not.toBe(nameKey('Ete'));
  });

  it('uses full case folding, not toLowerCase', () => {
    expect('ß'.toLowerCase()).not.toBe('SS'.toLowerCase());
    expect(nameKey('Straße')).toBe(nameKey('STRASSE'));
    expect(nameKey('ẞ')).toBe('ss');
    expect(nameKey('ΣΊΣΥΦΟΣ')).toBe(nameKey('σίσυφος'));
  });

  it('folds the Turkish dotted capital İ to i + combining dot, distinct from a plain I', () => {
    expect(nameKey('İ')).toBe('i\u0307');
    expect(nameKey('İstanbul')).toBe(nameKey('i\u0307stanbul'));
    expect(nameKey('İSTANBUL')).toBe(nameKey('İstanbul'));
    expect(nameKey('İ')).not.toBe(nameKey('I'));
  });

  it('collapses inner whitespace of any kind', () => {
    expect(nameKey('Machine \u00a0\t Learning')).toBe('machine learning');
  });
});

describe('cleanName', () => {
  it('keeps case but applies NFKC, trims, collapses and drops invisible characters', () => {
    expect(cleanName('  Ｍachine\u200b   Learning ')).toBe('Machine Learning');
    expect(cleanName('A\u200bI')).toBe('AI');
    expect(cleanName('ﬁle')).toBe('file');
  });
});

describe('helpers', () => {
  it('stripInvisible removes zero-width and bidi controls only', () => {
    expect(stripInvisible('a\u200b\u200c\u200d\u200e\u200f\u202e\u2066b c')).toBe('ab c');
  });

  it('foldCase folds ß and final sigma', () => {
    expect(foldCase('Maß')).toBe('mass');
    expect(foldCase('ς')).toBe('σ');
  });
});
