import { checkWords, matchWords } from '../words';

describe('matchWords', () => {
  it('matches whole words only: "hell" does not catch "hello" or "shell"', () => {
    expect(matchWords('Hello from the shell', ['hell'])).toEqual([]);
    expect(matchWords('What the hell.', ['hell'])).toEqual(['hell']);
  });

  it('ignores case and accents, and matches phrases across punctuation', () => {
    expect(matchWords('BUY—now!!! Crème', ['buy now', 'creme'])).toEqual(['buy now', 'creme']);
  });

  it('ignores empty entries', () => {
    expect(matchWords('anything', ['', '  '])).toEqual([]);
  });
});

it('checkWords reports banned and suspect entries separately', () => {
  expect(
    checkWords('cheap pills, casino tonight', { banned: ['casino'], suspect: ['pills', 'viagra'] })
  ).toEqual({ banned: ['casino'], suspect: ['pills'] });
});
