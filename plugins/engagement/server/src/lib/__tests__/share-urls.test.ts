import { BUILT_IN_SHARE_PAGES, checkUrlTemplate, fillTemplate, placeholders } from '../share-urls';

describe('URL templates', () => {
  it('accepts absolute templates with placeholders after a fixed origin', () => {
    expect(checkUrlTemplate('https://example.com/articles/{slug}')).toBeNull();
    expect(checkUrlTemplate('https://example.com/a?id={documentId}')).toBeNull();
    for (const page of Object.values(BUILT_IN_SHARE_PAGES))
      if (page) expect(checkUrlTemplate(page, ['https:', 'mailto:'])).toBeNull();
  });

  it('rejects templates that could send a visitor anywhere else', () => {
    expect(checkUrlTemplate('https://{host}/articles/{slug}')).toMatch(/fixed origin/);
    expect(checkUrlTemplate('{url}')).toMatch(/absolute URL/);
    expect(checkUrlTemplate('javascript:alert({slug})')).toMatch(/must start with/);
    expect(checkUrlTemplate('https://example.com/articles')).toMatch(/placeholder/);
    expect(checkUrlTemplate(42)).toMatch(/non-empty string/);
  });

  it('fills placeholders URL-encoded and refuses missing values', () => {
    expect(placeholders('https://x.com/intent/tweet?url={url}&text={title}')).toEqual([
      'url',
      'title',
    ]);
    expect(
      fillTemplate('https://x.com/intent/tweet?url={url}&text={title}', {
        url: 'https://example.com/a b',
        title: 'A & B',
      })
    ).toBe('https://x.com/intent/tweet?url=https%3A%2F%2Fexample.com%2Fa%20b&text=A%20%26%20B');
    expect(
      fillTemplate('https://example.com/articles/{slug}', { slug: '../../evil.example' })
    ).toBe('https://example.com/articles/..%2F..%2Fevil.example');
    expect(fillTemplate('https://example.com/articles/{slug}', { slug: null })).toBeNull();
  });
});
