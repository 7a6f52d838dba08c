/**
 * Plain-text helpers for Strapi's "blocks" rich text (the `body` of an article).
 *
 * A blocks value is an array of nodes: `{ type: 'paragraph' | 'heading' | 'list' | 'quote' | 'code' |
 * 'image' | 'list-item' | 'link', children: [...] }` with text leaves `{ type: 'text', text: '...' }`.
 */

/** Average adult silent reading speed used for reading time (words per minute). */
export const WORDS_PER_MINUTE = 200;

interface BlockNode {
  type?: unknown;
  text?: unknown;
  children?: unknown;
}

const isNode = (value: unknown): value is BlockNode => typeof value === 'object' && value !== null;

/**
 * Extracts the text of a blocks value, one block per line. Accepts a plain string too (so a markdown or
 * legacy body still works) and ignores anything it does not understand instead of throwing.
 */
export function blocksToText(body: unknown): string {
  if (typeof body === 'string') return body;
  if (!Array.isArray(body)) return '';
  const lines: string[] = [];
  const walk = (node: unknown): string => {
    if (!isNode(node)) return '';
    if (node.type === 'text' && typeof node.text === 'string') return node.text;
    if (!Array.isArray(node.children)) return '';
    // list items and nested blocks are separate lines; inline children (text, link) are joined
    const inline = node.children.every(
      (c) => isNode(c) && (c.type === 'text' || c.type === 'link')
    );
    return node.children.map(walk).join(inline ? '' : '\n');
  };
  for (const block of body) {
    if (isNode(block) && block.type === 'image') continue;
    const text = walk(block).trim();
    if (text) lines.push(text);
  }
  return lines.join('\n');
}

/** Counts words: runs of letters/digits; each CJK character counts as one word. */
export function countWords(text: string): number {
  const cjk =
    text.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu)
      ?.length ?? 0;
  const rest = text.replace(
    /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu,
    ' '
  );
  const words = rest.match(/[\p{L}\p{N}][\p{L}\p{N}'’_-]*/gu)?.length ?? 0;
  return words + cjk;
}

/** Reading time in whole minutes, rounded up; 0 for an empty body, at least 1 otherwise. */
export function readingTimeMinutes(body: unknown, wordsPerMinute = WORDS_PER_MINUTE): number {
  const words = countWords(blocksToText(body));
  return words === 0 ? 0 : Math.max(1, Math.ceil(words / wordsPerMinute));
}

/**
 * Derives an excerpt of at most `maxLength` characters from the body: whitespace collapsed, cut at a word
 * boundary and ended with an ellipsis when shortened. Returns '' for an empty body.
 */
export function excerptFromBody(body: unknown, maxLength = 300): string {
  const text = blocksToText(body).replace(/\s+/g, ' ').trim();
  if (text.length <= maxLength) return text;
  const room = maxLength - 1; // one character for the ellipsis
  const cut = text.slice(0, room + 1);
  const lastSpace = cut.lastIndexOf(' ');
  const head = (lastSpace > room / 2 ? cut.slice(0, lastSpace) : text.slice(0, room)).replace(
    /[\s.,;:!?-]+$/u,
    ''
  );
  return `${head}…`;
}
