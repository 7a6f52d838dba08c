/**
 * A post's content (`content:encoded`, the raw `post_content`) to Strapi blocks. Block-editor posts are
 * read with WordPress's own block parser and mapped block by block; classic posts (and the freeform parts
 * between blocks) get WordPress's paragraphs (wpautop) after their shortcodes are expanded. `<!--more-->`
 * gives the excerpt when none was written. Whatever Strapi blocks cannot hold is listed as a loss.
 */
import { parse } from '@wordpress/block-serialization-default-parser';
import { expandShortcodes, type AttachmentLookup } from './shortcodes';
import { htmlToBlocks, htmlToText, type Block, type ImageNode, type Loss } from './strapi-blocks';
import { wpautop } from './wpautop';

export interface ConvertedContent {
  body: Block[];
  /** the text before `<!--more-->` (plain, at most `excerptMax` characters), when the post has the marker */
  moreExcerpt?: string;
  losses: Loss[];
}

export interface ConvertOptions {
  postId: number;
  attachments: AttachmentLookup;
  /** the `footnotes` meta (JSON) of a block post */
  footnotes?: unknown;
  excerptMax?: number;
}

type ParsedBlock = ReturnType<typeof parse>[number];

/** Blocks rendered on the server from attributes only: nothing of them is in the export. */
const DYNAMIC =
  /^core\/(latest-posts|latest-comments|archives|calendar|categories|tag-cloud|rss|search|page-list|navigation|query|post-.*|site-.*|loginout|social-links|table-of-contents|comments.*|avatar|read-more|home-link|block)$/;

/** A parsed block's HTML with its inner blocks' HTML put back where they were. */
function renderBlock(block: ParsedBlock): string {
  let index = 0;
  return block.innerContent
    .map((part: string | null) => (part === null ? renderBlock(block.innerBlocks[index++]) : part))
    .join('');
}

function classic(html: string, options: ConvertOptions, losses: Loss[]): Block[] {
  return htmlToBlocks(wpautop(expandShortcodes(html, { ...options, losses })), losses);
}

function linkParagraph(url: string): Block {
  return {
    type: 'paragraph',
    children: [{ type: 'link', url, children: [{ type: 'text', text: url }] }],
  };
}

function footnoteBlocks(footnotes: unknown, losses: Loss[]): Block[] {
  let notes: unknown = footnotes;
  if (typeof notes === 'string') {
    try {
      notes = JSON.parse(notes);
    } catch {
      losses.push({ what: 'footnotes', fallback: 'dropped: their meta is not JSON' });
      return [];
    }
  }
  if (!Array.isArray(notes) || notes.length === 0) return [];
  losses.push({
    what: 'footnotes',
    fallback: 'a numbered list at the end (the links from the text are not kept)',
  });
  return [
    {
      type: 'list',
      format: 'ordered',
      children: notes.map((note: { content?: string }) => ({
        type: 'list-item' as const,
        children: [{ type: 'text' as const, text: htmlToText(String(note?.content ?? '')) }],
      })),
    },
  ];
}

function mapBlock(block: ParsedBlock, options: ConvertOptions, losses: Loss[]): Block[] {
  const name = block.blockName;
  const attrs = (block.attrs ?? {}) as Record<string, unknown>;
  const html = renderBlock(block);
  if (name === null) return html.trim() ? classic(html, options, losses) : [];
  switch (name) {
    case 'core/paragraph':
    case 'core/heading':
    case 'core/list':
    case 'core/quote':
    case 'core/code':
    case 'core/preformatted':
    case 'core/verse':
    case 'core/html':
    case 'core/freeform':
      return htmlToBlocks(html, losses);
    case 'core/pullquote':
      return htmlToBlocks(html.replace(/<\/?figure[^>]*>/g, ''), losses);
    case 'core/image': {
      const blocks = htmlToBlocks(html, losses);
      const id = Number(attrs.id);
      for (const image of blocks.filter((b): b is ImageNode => b.type === 'image')) {
        if (image.reference && Number.isSafeInteger(id) && id > 0)
          image.reference.attachmentId ??= id;
      }
      return blocks;
    }
    case 'core/gallery': {
      const ids = Array.isArray(attrs.ids) ? (attrs.ids as number[]) : [];
      losses.push({
        what: 'gallery block',
        fallback: 'image blocks in a row (the grid layout is not kept)',
      });
      if (block.innerBlocks.length > 0)
        return block.innerBlocks.flatMap((inner: ParsedBlock) => mapBlock(inner, options, losses));
      const blocks = htmlToBlocks(html, losses);
      // an old gallery block lists its images in the order of `ids`
      blocks
        .filter((b): b is ImageNode => b.type === 'image')
        .forEach((image, i) => {
          if (image.reference && ids[i]) image.reference.attachmentId ??= ids[i];
        });
      return blocks;
    }
    case 'core/embed':
    case 'core-embed/youtube':
    case 'core-embed/vimeo':
    case 'core-embed/twitter': {
      const url = typeof attrs.url === 'string' ? attrs.url : htmlToText(html).split(/\s/)[0];
      losses.push({
        what: `embed ${String(attrs.providerNameSlug ?? name)}`,
        fallback: url ? 'a link to the embedded page' : 'dropped',
      });
      const caption = /<figcaption[^>]*>([\s\S]*?)<\/figcaption>/.exec(html)?.[1];
      return url ? [linkParagraph(url), ...(caption ? htmlToBlocks(`<p>${caption}</p>`) : [])] : [];
    }
    case 'core/video':
    case 'core/audio':
    case 'core/file': {
      const src = /\b(?:src|href)="([^"]+)"/.exec(html)?.[1];
      losses.push({
        what: name.replace('core/', '') + ' block',
        fallback: src ? 'a link to the file (no player)' : 'dropped',
      });
      return src ? [linkParagraph(src)] : [];
    }
    case 'core/table':
      return htmlToBlocks(html, losses);
    case 'core/columns':
    case 'core/media-text':
      losses.push({
        what: name.replace('core/', '') + ' layout',
        fallback: 'its content one after the other',
      });
      return block.innerBlocks.length > 0
        ? block.innerBlocks
            .flatMap((inner: ParsedBlock) => mapBlock(inner, options, losses))
            .concat(
              name === 'core/media-text'
                ? htmlToBlocks(
                    html.replace(/<div class="wp-block-media-text__content">[\s\S]*$/, ''),
                    losses
                  ).filter((b) => b.type === 'image')
                : []
            )
        : htmlToBlocks(html, losses);
    case 'core/column':
    case 'core/group':
    case 'core/cover':
    case 'core/details':
    case 'core/buttons':
    case 'core/button':
      return block.innerBlocks.length > 0
        ? block.innerBlocks.flatMap((inner: ParsedBlock) => mapBlock(inner, options, losses))
        : htmlToBlocks(html, losses);
    case 'core/shortcode':
      return classic(html, options, losses);
    case 'core/footnotes':
      return footnoteBlocks(options.footnotes, losses);
    case 'core/separator':
    case 'core/spacer':
    case 'core/more':
    case 'core/nextpage':
      return [];
    default: {
      if (DYNAMIC.test(name) || (html.trim() === '' && block.innerBlocks.length === 0)) {
        losses.push({
          what: `dynamic block ${name}`,
          fallback:
            'dropped: WordPress renders it on each request, the export has no content for it',
        });
        return [];
      }
      losses.push({ what: `block ${name}`, fallback: 'its HTML converted as it is' });
      return block.innerBlocks.length > 0
        ? block.innerBlocks.flatMap((inner: ParsedBlock) => mapBlock(inner, options, losses))
        : htmlToBlocks(html, losses);
    }
  }
}

/** Converts a post's raw content (see the file comment). */
export function convertContent(raw: string, options: ConvertOptions): ConvertedContent {
  const losses: Loss[] = [];
  let content = raw;
  if (/<!--nextpage-->/.test(content)) {
    losses.push({
      what: 'page breaks (<!--nextpage-->)',
      fallback: 'one page; the redirect map sends /2/, /3/… to the article',
    });
    content = content
      .replace(/<!-- wp:nextpage -->|<!-- \/wp:nextpage -->/g, '')
      .replace(/<!--nextpage-->/g, '');
  }
  let moreExcerpt: string | undefined;
  const more = /<!--more(.*?)?-->/.exec(content);
  if (more) {
    const before = content.slice(0, more.index).replace(/<!-- \/?wp:[\s\S]*?-->/g, '');
    const text = htmlToText(expandShortcodes(before, { ...options, losses: [] }));
    const max = options.excerptMax ?? 300;
    moreExcerpt = text.length > max ? `${text.slice(0, max - 1).replace(/\s+\S*$/, '')}…` : text;
    content = content.replace(/<!--more(.*?)?-->/g, '').replace(/<!--noteaser-->/g, '');
  }
  const isBlockContent = /<!-- wp:/.test(content);
  const body = isBlockContent
    ? parse(content).flatMap((block) => mapBlock(block, options, losses))
    : classic(content, options, losses);
  return { body, ...(moreExcerpt ? { moreExcerpt } : {}), losses };
}
