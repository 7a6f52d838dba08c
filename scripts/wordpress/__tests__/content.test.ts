import fs from 'node:fs';
import path from 'node:path';
import { convertContent } from '../content';
import type { AttachmentLookup } from '../shortcodes';
import { expandShortcodes, parseAttributes } from '../shortcodes';
import { htmlToBlocks } from '../strapi-blocks';
import { wpautop } from '../wpautop';
import { readWxr, type WxrItem } from '../wxr';

const U = 'http://blog.example.com/wp-content/uploads/2024/01/';
const attachments: AttachmentLookup = {
  byId: (id) =>
    ({
      101: { url: `${U}cover-scaled.jpg`, caption: 'Harbour at dawn, Lisbon', alt: 'A harbour' },
      104: { url: `${U}corrupt.jpg`, caption: '', alt: '' },
      105: { url: `${U}slow.jpg`, caption: 'Slow to arrive', alt: '' },
    })[id],
  ofPost: (postId) => (postId === 11 ? [104, 105] : []),
};

async function fixtureItem(id: number): Promise<WxrItem> {
  const file = path.join(__dirname, '..', '..', '..', 'tests', 'fixtures', 'wordpress', 'site.xml');
  expect(fs.existsSync(file)).toBe(true);
  for await (const record of readWxr(file)) {
    if (record.kind === 'item' && record.item.id === id) return record.item;
  }
  throw new Error(`no item ${id}`);
}

describe('wpautop', () => {
  it('makes paragraphs of blank-line-separated text and <br> of single line breaks, never inside <pre>', () => {
    expect(wpautop('One\nstill one\n\nTwo')).toBe('<p>One<br />\nstill one</p>\n<p>Two</p>');
    expect(wpautop('<pre>a\n\nb</pre>\nafter')).toBe('<pre>a\n\nb</pre>\n<p>after</p>');
    expect(wpautop('text<div>block</div>more')).toBe('<p>text</p>\n<div>block</div>\n<p>more</p>');
  });
});

describe('htmlToBlocks', () => {
  it('maps paragraphs with marks and links, headings, nested lists, quotes and code', () => {
    const blocks = htmlToBlocks(
      '<p>A <strong>bold <em>move</em></strong> <a href="/x">here</a></p><h2>Title</h2>' +
        '<ol><li>a<ul><li>b</li></ul></li></ol><blockquote><p>Q1</p><p>Q2</p></blockquote>' +
        '<pre><code class="language-js">x &lt; 1</code></pre>'
    );
    expect(blocks).toEqual([
      {
        type: 'paragraph',
        children: [
          { type: 'text', text: 'A ' },
          { type: 'text', text: 'bold ', bold: true },
          { type: 'text', text: 'move', bold: true, italic: true },
          { type: 'text', text: ' ' },
          { type: 'link', url: '/x', children: [{ type: 'text', text: 'here' }] },
        ],
      },
      { type: 'heading', level: 2, children: [{ type: 'text', text: 'Title' }] },
      {
        type: 'list',
        format: 'ordered',
        children: [
          { type: 'list-item', children: [{ type: 'text', text: 'a' }] },
          {
            type: 'list',
            format: 'unordered',
            indentLevel: 1,
            children: [{ type: 'list-item', children: [{ type: 'text', text: 'b' }] }],
          },
        ],
      },
      { type: 'quote', children: [{ type: 'text', text: 'Q1\nQ2' }] },
      { type: 'code', language: 'js', children: [{ type: 'text', text: 'x < 1' }] },
    ]);
  });

  it('flattens a table into rows and lists the loss', () => {
    const losses: Array<{ what: string }> = [];
    const blocks = htmlToBlocks(
      '<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table>',
      losses as never
    );
    expect(
      blocks.map((b) => (b.type === 'paragraph' ? (b.children[0] as { text: string }).text : ''))
    ).toEqual(['A | B', '1 | 2']);
    expect(losses.map((l) => l.what)).toEqual(['table']);
  });
});

describe('shortcodes', () => {
  const context = () => ({
    postId: 11,
    attachments,
    losses: [] as Array<{ what: string; fallback: string }>,
  });

  it('parses attributes in every quoting style', () => {
    expect(parseAttributes(`ids="1,2" size='large' columns=3 https://x.example/a`)).toEqual({
      ids: '1,2',
      size: 'large',
      columns: '3',
      _positional: 'https://x.example/a',
    });
  });

  it('expands [gallery] with ids, and without ids from the post attachments', () => {
    const ctx = context();
    const html = expandShortcodes('[gallery ids="101"]\n[gallery]', ctx);
    expect(html.match(/data-wp-attachment="(\d+)"/g)).toEqual([
      'data-wp-attachment="101"',
      'data-wp-attachment="104"',
      'data-wp-attachment="105"',
    ]);
    expect(ctx.losses.map((l) => l.what)).toEqual(['[gallery]', '[gallery] without ids']);
  });

  it('keeps escaped shortcodes and text that only looks like one', () => {
    const ctx = context();
    expect(expandShortcodes('[[gallery]] and [citation needed]', ctx)).toBe(
      '[gallery] and [citation needed]'
    );
    expect(ctx.losses).toEqual([]);
  });
});

describe('convertContent', () => {
  it('maps a block-editor post block by block, with the excerpt from <!--more--> and every loss listed', async () => {
    const item = await fixtureItem(10);
    const { body, moreExcerpt, losses } = convertContent(item.content, {
      postId: 10,
      attachments,
      footnotes: item.meta.get('footnotes')?.[0],
    });
    expect(moreExcerpt).toBe('The harbour at dawn, with a link.');
    expect(body.map((b) => b.type)).toEqual([
      'paragraph',
      'heading',
      'list',
      'image',
      'quote',
      'code',
      'paragraph', // table header row
      'paragraph', // table row
      'paragraph', // embed → link
      'paragraph',
      'list', // footnotes
    ]);
    const image = body[3];
    expect(image).toMatchObject({
      type: 'image',
      image: { alternativeText: 'A chart', caption: 'Figure 1' },
      reference: { attachmentId: 102, src: `${U}inline-1024x683.png` },
    });
    expect(image.type === 'image' && image.reference?.srcset).toHaveLength(3);
    expect(body[2]).toMatchObject({ children: [{}, {}, { type: 'list', indentLevel: 1 }] });
    expect(body[4]).toEqual({
      type: 'quote',
      children: [{ type: 'text', text: 'Sea and sky.\nA sailor' }],
    });
    expect(losses.map((l) => l.what)).toEqual([
      'table',
      'embed youtube',
      'dynamic block core/latest-posts',
      'footnotes',
    ]);
  });

  it('gives a classic post WordPress paragraphs and expands its shortcodes', async () => {
    const item = await fixtureItem(11);
    const { body, losses } = convertContent(item.content, { postId: 11, attachments });
    const summary = body.map((b) =>
      b.type === 'image'
        ? `image ${b.reference?.attachmentId ?? b.reference?.src}${b.image.caption ? ` "${b.image.caption}"` : ''}`
        : b.type === 'paragraph'
          ? b.children.map((c) => (c.type === 'link' ? `<${c.url}>` : c.text)).join('')
          : b.type
    );
    expect(summary).toEqual([
      'First paragraph of a classic post.\nSecond line of the same paragraph.',
      'image 101 "The harbour, photographed at dawn"',
      'image 104',
      'image 105 "Slow to arrive"',
      `<${U}interview.mp3>`,
      '<https://vimeo.com/12345>',
      '<https://www.youtube.com/watch?v=xyz789>',
      'Boxed text',
      'A footnote-like [citation needed] stays.',
      'code',
      'Last paragraph with an image from another site',
      'image https://elsewhere.example/pic.jpg',
      '.',
    ]);
    expect(losses.map((l) => l.what)).toEqual([
      '[gallery] without ids',
      '[audio]',
      '[embed]',
      'unknown shortcode [myplugin_box]',
      'embed www.youtube.com',
    ]);
  });
});
