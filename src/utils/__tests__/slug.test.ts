import { MAX_SLUG_LENGTH, nextFreeSlug, slugFromTitle } from '../slug';

describe('slugFromTitle', () => {
  it('lower-cases, strips punctuation and joins words with dashes', () => {
    expect(slugFromTitle('Hello, World! AI & You')).toBe('hello-world-ai-and-you');
  });

  it('transliterates accented Latin, Cyrillic and Greek titles', () => {
    expect(slugFromTitle('Über die Brücke: Café')).toBe('uber-die-brucke-cafe');
    expect(slugFromTitle('Привет мир')).toBe('privet-mir');
    expect(slugFromTitle('Καλημέρα')).toMatch(/^[a-z0-9-]+$/);
  });

  it('never returns an empty slug for scripts slugify cannot transliterate', () => {
    const slug = slugFromTitle('人工知能について', 'article');
    expect(slug).toMatch(/^article-[0-9a-f]{8}$/);
    expect(slugFromTitle('人工知能について', 'article')).toBe(slug);
    expect(slugFromTitle('別のタイトル', 'article')).not.toBe(slug);
    expect(slugFromTitle('!!!', 'tag')).toMatch(/^tag-[0-9a-f]{8}$/);
  });

  it('cuts long titles at a word boundary', () => {
    const slug = slugFromTitle('word '.repeat(60));
    expect(slug.length).toBeLessThanOrEqual(MAX_SLUG_LENGTH);
    expect(slug.endsWith('-')).toBe(false);
    expect(slug).toMatch(/^(word-)*word$/);
  });
});

describe('nextFreeSlug', () => {
  it('keeps the base when it is free', () => {
    expect(nextFreeSlug('ai', ['other'])).toBe('ai');
  });

  it('appends -2, -3, ... on collision', () => {
    expect(nextFreeSlug('ai', ['ai'])).toBe('ai-2');
    expect(nextFreeSlug('ai', ['ai', 'ai-2', 'ai-3'])).toBe('ai-4');
    expect(nextFreeSlug('ai', ['ai', 'ai-3'])).toBe('ai-2');
  });
});
