import { isSpeculative, isTopLevelNavigation } from '../request-intent';

const headers = (values: Record<string, string>) => (name: string) => values[name] ?? '';

describe('isTopLevelNavigation', () => {
  it('accepts a navigation to a document, and a request without fetch metadata (older browsers)', () => {
    expect(
      isTopLevelNavigation(headers({ 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' }))
    ).toBe(true);
    expect(isTopLevelNavigation(headers({}))).toBe(true);
    expect(isTopLevelNavigation(headers({ 'sec-fetch-mode': 'Navigate' }))).toBe(true);
  });

  it('refuses images, scripts, fetches and frames from other pages', () => {
    expect(
      isTopLevelNavigation(headers({ 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'image' }))
    ).toBe(false);
    expect(
      isTopLevelNavigation(headers({ 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'script' }))
    ).toBe(false);
    expect(
      isTopLevelNavigation(headers({ 'sec-fetch-mode': 'cors', 'sec-fetch-dest': 'empty' }))
    ).toBe(false);
    expect(
      isTopLevelNavigation(headers({ 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'iframe' }))
    ).toBe(false);
    expect(isTopLevelNavigation(headers({ 'sec-fetch-dest': 'image' }))).toBe(false);
  });
});

describe('isSpeculative', () => {
  it('recognises prefetch and prerender in every header browsers use', () => {
    expect(isSpeculative(headers({ 'sec-purpose': 'prefetch' }))).toBe(true);
    expect(isSpeculative(headers({ 'sec-purpose': 'prefetch;prerender' }))).toBe(true);
    expect(isSpeculative(headers({ purpose: 'prefetch' }))).toBe(true);
    expect(isSpeculative(headers({ 'x-moz': 'prefetch' }))).toBe(true);
  });

  it('lets ordinary requests through', () => {
    expect(isSpeculative(headers({}))).toBe(false);
    expect(isSpeculative(headers({ 'sec-purpose': '' }))).toBe(false);
  });
});
