import fs from 'node:fs';
import path from 'node:path';
import { MAX_SLUG_LENGTH, nextFreeSlug, prepareTitle, slugFromTitle } from '../slug';
import { matchesOurs, SLUG_EXAMPLES } from './slug-examples';

describe('slugFromTitle', () => {
  it('lower-cases, strips punctuation and joins words with dashes', () => {
    expect(slugFromTitle('Hello, World! AI & You')).toBe('hello-world-ai-you');
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

describe('the README slug table', () => {
  it.each(SLUG_EXAMPLES.map((example) => [example.title, example]))('%s', (_title, example) => {
    const slug = slugFromTitle(example.title, 'article');
    expect(matchesOurs(example, slug)).toBe(true);
    expect(slug.length).toBeLessThanOrEqual(MAX_SLUG_LENGTH);
  });
});

describe('the README', () => {
  it('shows every row of the slug table as it is tested', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
    const escape = (text: string) => text.replace(/\|/g, '\\|');
    for (const example of SLUG_EXAMPLES) {
      const title = escape(example.title).replace(/</g, '&lt;').replace(/>/g, '&gt;');
      const row = `| ${title} | \`${escape(example.ours)}\` | \`${escape(example.wordpress)}\` | \`${escape(example.ghost)}\` |`;
      expect(readme).toContain(row);
    }
  });
});

describe('prepareTitle', () => {
  it('never turns a symbol into a word', () => {
    for (const title of ['AT&T', '$85bn', '100%', 'a < b > c', 'x | y', '€5 ©2024 ™ ♥ ∞']) {
      expect(slugFromTitle(title)).not.toMatch(
        /and|dollar|percent|less|greater|or|euro|love|infinity|tm/
      );
    }
  });

  it('strips tags and decodes entities, but keeps a lone less-than as a separator', () => {
    expect(prepareTitle('<p class="x">A &amp; B</p>').trim()).toBe('A  B');
    expect(slugFromTitle('Tom &amp; Jerry')).toBe('tom-jerry');
    expect(slugFromTitle('5 < 6 is true')).toBe('5-6-is-true');
    expect(slugFromTitle('Line<br/>break')).toBe('line-break');
  });

  it('turns dots and commas between digits into dashes, and dots inside words', () => {
    expect(slugFromTitle('Version 2.0.1, 1,5 million')).toBe('version-2-0-1-1-5-million');
    expect(slugFromTitle('Vue.js and Next.js')).toBe('vue-js-and-next-js');
    expect(slugFromTitle('The end.')).toBe('the-end');
  });

  it('removes zero-width and bidi characters', () => {
    expect(slugFromTitle('A\u200bI news\u202e')).toBe('ai-news');
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
