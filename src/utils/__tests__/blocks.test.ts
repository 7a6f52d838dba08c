import { blocksToText, countWords, excerptFromBody, readingTimeMinutes } from '../blocks';

const paragraph = (text: string) => ({ type: 'paragraph', children: [{ type: 'text', text }] });

describe('blocksToText', () => {
  it('joins blocks by line and inline children without separators', () => {
    const body = [
      { type: 'heading', level: 2, children: [{ type: 'text', text: 'Intro' }] },
      {
        type: 'paragraph',
        children: [
          { type: 'text', text: 'Read ' },
          { type: 'link', url: 'https://example.com', children: [{ type: 'text', text: 'this' }] },
          { type: 'text', text: ' now.' },
        ],
      },
      {
        type: 'list',
        format: 'unordered',
        children: [
          { type: 'list-item', children: [{ type: 'text', text: 'one' }] },
          { type: 'list-item', children: [{ type: 'text', text: 'two' }] },
        ],
      },
      { type: 'image', image: { url: '/x.png' }, children: [{ type: 'text', text: '' }] },
    ];
    expect(blocksToText(body)).toBe('Intro\nRead this now.\none\ntwo');
  });

  it('accepts a string and tolerates junk', () => {
    expect(blocksToText('plain text')).toBe('plain text');
    expect(blocksToText(null)).toBe('');
    expect(blocksToText([null, 3, { type: 'paragraph', children: 'nope' }])).toBe('');
  });
});

describe('countWords', () => {
  it('counts words, contractions and numbers', () => {
    expect(countWords("It's 2024 and AI-generated art is everywhere.")).toBe(7);
  });
  it('counts each CJK character as a word', () => {
    expect(countWords('人工知能 AI')).toBe(5);
  });
});

describe('readingTimeMinutes', () => {
  it('is 0 for an empty body and at least 1 otherwise', () => {
    expect(readingTimeMinutes([])).toBe(0);
    expect(readingTimeMinutes([paragraph('short')])).toBe(1);
  });
  it('rounds up at 200 words per minute', () => {
    expect(readingTimeMinutes([paragraph('word '.repeat(200))])).toBe(1);
    expect(readingTimeMinutes([paragraph('word '.repeat(201))])).toBe(2);
    expect(readingTimeMinutes([paragraph('word '.repeat(1000))])).toBe(5);
  });
});

describe('excerptFromBody', () => {
  it('returns short bodies whole, whitespace collapsed', () => {
    expect(excerptFromBody([paragraph('Hello   there.'), paragraph('Second.')])).toBe(
      'Hello there. Second.'
    );
  });
  it('cuts long bodies at a word boundary with an ellipsis, within the limit', () => {
    const excerpt = excerptFromBody([paragraph('lorem ipsum '.repeat(100))], 300);
    expect(excerpt.length).toBeLessThanOrEqual(300);
    expect(excerpt.endsWith('…')).toBe(true);
    expect(excerpt).toMatch(/(lorem|ipsum)…$/);
  });
  it('cuts a single endless word hard rather than returning nothing', () => {
    const excerpt = excerptFromBody('x'.repeat(500), 50);
    expect(excerpt).toHaveLength(50);
  });
});
