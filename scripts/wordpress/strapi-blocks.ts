/**
 * Strapi's Blocks format (the `blocks` field type: paragraph, heading, list, quote, code, image at the
 * root; text and link inline) and the conversion of HTML into it. Pure: images are left as references to
 * their old URLs and attachment IDs; the importer swaps in the uploaded files afterwards (rewriteImages).
 */
import { parseDocument } from 'htmlparser2';

// htmlparser2 brings its own domhandler: its node types are taken from what it returns
type ChildNode = ReturnType<typeof parseDocument>['children'][number];
type Element = Extract<ChildNode, { attribs: Record<string, string> }>;

export interface TextNode {
  type: 'text';
  text: string;
  bold?: true;
  italic?: true;
  underline?: true;
  strikethrough?: true;
  code?: true;
}
export interface LinkNode {
  type: 'link';
  url: string;
  children: TextNode[];
}
export type InlineNode = TextNode | LinkNode;
export interface ListItemNode {
  type: 'list-item';
  children: InlineNode[];
}
export interface ListNode {
  type: 'list';
  format: 'ordered' | 'unordered';
  indentLevel?: number;
  children: Array<ListItemNode | ListNode>;
}
/** What an image block points at before the import resolves it: the old URLs and the attachment, if known. */
export interface ImageReference {
  src: string;
  srcset: string[];
  attachmentId?: number;
}
export interface ImageNode {
  type: 'image';
  image: Record<string, unknown> & {
    url: string;
    alternativeText?: string | null;
    caption?: string | null;
  };
  children: [TextNode];
  /** dropped when the image is resolved */
  reference?: ImageReference;
}
export type Block =
  | { type: 'paragraph'; children: InlineNode[] }
  | { type: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; children: InlineNode[] }
  | ListNode
  | { type: 'quote'; children: InlineNode[] }
  | { type: 'code'; language?: string; children: [TextNode] }
  | ImageNode;

/** Something the conversion could not keep as it was: what, and how it was kept instead. */
export interface Loss {
  what: string;
  fallback: string;
}

/** A <br> while inline runs are tidied (source newlines are only whitespace); a private-use character, not whitespace. */
const BREAK = '\uE000';

type Marks = Pick<TextNode, 'bold' | 'italic' | 'underline' | 'strikethrough' | 'code'>;

const MARK_TAGS: Record<string, keyof Marks> = {
  strong: 'bold',
  b: 'bold',
  em: 'italic',
  i: 'italic',
  u: 'underline',
  ins: 'underline',
  s: 'strikethrough',
  del: 'strikethrough',
  strike: 'strikethrough',
  code: 'code',
  kbd: 'code',
};

const BLOCK_TAGS = new Set([
  'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'blockquote', 'pre', 'figure', 'img', 'table',
  'div', 'section', 'article', 'aside', 'header', 'footer', 'main', 'nav', 'hr', 'dl', 'address',
  'iframe', 'video', 'audio', 'object', 'embed', 'form', 'details', 'fieldset', 'center', 'hgroup',
  'picture', 'noscript', 'script', 'style',
]); // prettier-ignore

const isElement = (node: ChildNode): node is Element =>
  node.type === 'tag' || node.type === 'script' || node.type === 'style';

/** Plain text of a subtree, whitespace kept. */
export function textOf(node: ChildNode | ChildNode[]): string {
  if (Array.isArray(node)) return node.map(textOf).join('');
  if (node.type === 'text') return node.data;
  if (isElement(node)) return node.name === 'br' ? '\n' : textOf(node.children);
  return '';
}

const MARKS = ['bold', 'italic', 'underline', 'strikethrough', 'code'] as const;

/** Collapses HTML whitespace in inline runs, the way a browser renders them (newlines from <br> kept). */
function tidyInline(nodes: InlineNode[]): InlineNode[] {
  const merged: InlineNode[] = [];
  for (const node of nodes) {
    if (node.type === 'link') {
      const children = tidyInline(node.children) as TextNode[];
      merged.push({
        ...node,
        children: children.length > 0 ? children : [{ type: 'text', text: node.url }],
      });
      continue;
    }
    const previous = merged[merged.length - 1];
    if (previous?.type === 'text' && MARKS.every((m) => previous[m] === node[m]))
      previous.text += node.text;
    else merged.push({ ...node });
  }
  // source whitespace (newlines included) collapses to a space; a <br> (BREAK) is a line break
  for (const node of merged) {
    if (node.type !== 'text') continue;
    node.text = node.code
      ? node.text.replaceAll(BREAK, '\n')
      : node.text.replace(/\s+/g, ' ').replace(/ ?\uE000 ?/g, '\n');
  }
  const first = merged[0];
  if (first?.type === 'text') first.text = first.text.replace(/^\s+/, '');
  const last = merged[merged.length - 1];
  if (last?.type === 'text') last.text = last.text.replace(/\s+$/, '');
  return merged.filter((n) => n.type === 'link' || n.text !== '');
}

/** The inline content of `nodes` (marks and links; anything else as its text). */
function inline(nodes: ChildNode[], marks: Marks = {}): InlineNode[] {
  const out: InlineNode[] = [];
  for (const node of nodes) {
    if (node.type === 'text') {
      out.push({ type: 'text', text: node.data, ...marks });
    } else if (isElement(node)) {
      if (node.name === 'script' || node.name === 'style') continue;
      if (node.name === 'br') {
        out.push({ type: 'text', text: BREAK, ...marks });
      } else if (node.name === 'a' && node.attribs.href) {
        const children = inline(node.children, marks).flatMap((n) =>
          n.type === 'link' ? n.children : [n]
        ) as TextNode[];
        out.push({ type: 'link', url: node.attribs.href, children });
      } else if (MARK_TAGS[node.name]) {
        out.push(...inline(node.children, { ...marks, [MARK_TAGS[node.name]]: true }));
      } else if (node.name !== 'img') {
        out.push(...inline(node.children, marks));
      }
    }
  }
  return out;
}

const isBlank = (children: InlineNode[]) =>
  children.every((n) => n.type === 'text' && n.text.trim() === '');

/** A srcset attribute's URLs. */
export const srcsetUrls = (srcset: string | undefined): string[] =>
  (srcset ?? '')
    .split(',')
    .map((candidate) => candidate.trim().split(/\s+/)[0])
    .filter((url): url is string => Boolean(url));

/** The attachment ID WordPress writes on an image (`wp-image-123`, `data-id`, `data-wp-attachment`). */
function attachmentIdOf(img: Element, around?: Element): number | undefined {
  const fromClass = /(?:^|\s)wp-image-(\d+)/.exec(img.attribs.class ?? '')?.[1];
  const id = fromClass ?? img.attribs['data-id'] ?? around?.attribs['data-wp-attachment'];
  const number = id ? Number(id) : NaN;
  return Number.isSafeInteger(number) && number > 0 ? number : undefined;
}

function imageBlock(img: Element, caption: string, figure?: Element): ImageNode | null {
  const src = img.attribs.src ?? img.attribs['data-src'] ?? '';
  if (!src) return null;
  return {
    type: 'image',
    image: { url: src, alternativeText: img.attribs.alt ?? null, caption: caption || null },
    children: [{ type: 'text', text: '' }],
    reference: {
      src,
      srcset: srcsetUrls(img.attribs.srcset),
      attachmentId: attachmentIdOf(img, figure),
    },
  };
}

function findAll(nodes: ChildNode[], name: string): Element[] {
  const found: Element[] = [];
  for (const node of nodes) {
    if (!isElement(node)) continue;
    if (node.name === name) found.push(node);
    found.push(...findAll(node.children, name));
  }
  return found;
}

function listBlock(list: Element, losses: Loss[], indentLevel = 0): ListNode {
  const children: Array<ListItemNode | ListNode> = [];
  for (const item of list.children) {
    if (!isElement(item) || item.name !== 'li') continue;
    const nested = item.children.filter(
      (c): c is Element => isElement(c) && (c.name === 'ul' || c.name === 'ol')
    );
    const own = item.children.filter((c) => !nested.includes(c as Element));
    children.push({ type: 'list-item', children: tidyInline(inline(own)) });
    for (const sub of nested) children.push(listBlock(sub, losses, indentLevel + 1));
  }
  return {
    type: 'list',
    format: list.name === 'ol' ? 'ordered' : 'unordered',
    ...(indentLevel > 0 ? { indentLevel } : {}),
    children,
  };
}

/** Converts a subtree to blocks; loose inline content between blocks becomes paragraphs. */
function blocksOf(nodes: ChildNode[], losses: Loss[]): Block[] {
  const out: Block[] = [];
  let pending: ChildNode[] = [];
  const flush = () => {
    const children = tidyInline(inline(pending));
    pending = [];
    // a paragraph split by double <br> stays one paragraph with newlines, as it renders
    if (!isBlank(children)) out.push({ type: 'paragraph', children });
  };
  for (const node of nodes) {
    if (!isElement(node) || !BLOCK_TAGS.has(node.name)) {
      if (node.type === 'text' || isElement(node)) pending.push(node);
      continue;
    }
    flush();
    out.push(...blockOf(node, losses));
  }
  flush();
  return out;
}

function blockOf(node: Element, losses: Loss[]): Block[] {
  const name = node.name;
  if (name === 'p') {
    // WordPress puts images inside paragraphs: they become image blocks around the text
    if (findAll(node.children, 'img').length > 0)
      return blocksOf(unwrapImages(node.children), losses);
    const children = tidyInline(inline(node.children));
    return isBlank(children) ? [] : [{ type: 'paragraph', children }];
  }
  if (/^h[1-6]$/.test(name)) {
    const children = tidyInline(inline(node.children));
    return isBlank(children) ? [] : [{ type: 'heading', level: Number(name[1]) as 1, children }];
  }
  if (name === 'ul' || name === 'ol') return [listBlock(node, losses)];
  if (name === 'blockquote') {
    const parts = blocksOf(node.children, losses);
    const children: InlineNode[] = [];
    for (const part of parts) {
      if (part.type === 'image' || part.type === 'list' || part.type === 'code') continue;
      if (children.length > 0) children.push({ type: 'text', text: BREAK });
      children.push(...part.children);
    }
    return children.length > 0 ? [{ type: 'quote', children: tidyInline(children) }] : [];
  }
  if (name === 'pre') {
    const code = findAll(node.children, 'code')[0];
    const language = /language-([\w+-]+)/.exec(
      `${code?.attribs.class ?? ''} ${node.attribs.class ?? ''}`
    )?.[1];
    const text = textOf(node.children).replace(/^\n/, '').replace(/\n$/, '');
    return text.trim()
      ? [{ type: 'code', ...(language ? { language } : {}), children: [{ type: 'text', text }] }]
      : [];
  }
  if (name === 'img') {
    const image = imageBlock(node, '');
    return image ? [image] : [];
  }
  if (name === 'figure') {
    const images = findAll(node.children, 'img');
    const caption = findAll(node.children, 'figcaption')[0];
    const captionText = caption ? textOf(caption.children).replace(/\s+/g, ' ').trim() : '';
    if (images.length === 1) {
      const image = imageBlock(images[0], captionText, node);
      return image ? [image] : [];
    }
    const rest = node.children.filter((c) => !(isElement(c) && c.name === 'figcaption'));
    const inner = blocksOf(rest, losses);
    if (captionText)
      inner.push({
        type: 'paragraph',
        children: [{ type: 'text', text: captionText, italic: true }],
      });
    return inner;
  }
  if (name === 'table') {
    losses.push({ what: 'table', fallback: 'one paragraph per row, cells separated by " | "' });
    return findAll(node.children, 'tr').flatMap((row): Block[] => {
      const cells = row.children.filter(
        (c): c is Element => isElement(c) && (c.name === 'td' || c.name === 'th')
      );
      const text = cells.map((c) => textOf(c.children).replace(/\s+/g, ' ').trim()).join(' | ');
      if (!text.trim()) return [];
      const header = cells.every((c) => c.name === 'th');
      return [
        {
          type: 'paragraph',
          children: [{ type: 'text', text, ...(header ? { bold: true as const } : {}) }],
        },
      ];
    });
  }
  if (
    name === 'iframe' ||
    name === 'video' ||
    name === 'audio' ||
    name === 'object' ||
    name === 'embed'
  ) {
    const source =
      node.attribs.src ?? findAll(node.children, 'source')[0]?.attribs.src ?? node.attribs.data;
    losses.push({
      what: `<${name}>`,
      fallback: source ? 'a link to its source' : 'dropped (no source)',
    });
    return source
      ? [
          {
            type: 'paragraph',
            children: [{ type: 'link', url: source, children: [{ type: 'text', text: source }] }],
          },
        ]
      : [];
  }
  if (name === 'hr' || name === 'script' || name === 'style' || name === 'noscript') {
    if (name === 'script') losses.push({ what: '<script>', fallback: 'dropped' });
    return [];
  }
  if (name === 'form') {
    losses.push({ what: '<form>', fallback: 'dropped' });
    return [];
  }
  // containers (div, section, picture, dl, …): their content in order
  return blocksOf(
    name === 'picture'
      ? node.children.filter((c) => !(isElement(c) && c.name === 'source'))
      : node.children,
    losses
  );
}

/** Lifts images out of a paragraph's inline content (keeping a link around an image out: the image wins). */
function unwrapImages(nodes: ChildNode[]): ChildNode[] {
  const out: ChildNode[] = [];
  for (const node of nodes) {
    if (isElement(node) && node.name === 'a' && findAll(node.children, 'img').length > 0) {
      out.push(...findAll(node.children, 'img'));
    } else out.push(node);
  }
  return out;
}

/** Converts an HTML fragment to Strapi blocks, listing what it could not keep in `losses`. */
export function htmlToBlocks(html: string, losses: Loss[] = []): Block[] {
  const document = parseDocument(html, { decodeEntities: true, lowerCaseTags: true });
  return blocksOf(document.children, losses);
}

/** Plain text of a fragment (for excerpts and titles). */
export function htmlToText(html: string): string {
  return textOf(parseDocument(html, { decodeEntities: true }).children)
    .replace(/\s+/g, ' ')
    .trim();
}

/** What Strapi accepts as a link (its blocks validator): http(s), ftp, mailto, tel, or a root-relative path. */
const LINK_PROTOCOLS = new Set(['http:', 'https:', 'ftp:', 'mailto:', 'tel:']);

/**
 * A link's URL as Strapi accepts it: relative ones resolved against the post's address, anchors within the
 * old page (`#f1`) and other schemes (`javascript:`) → null (the link's text is kept, the link dropped).
 */
export function acceptableUrl(url: string, base: string): string | null {
  const trimmed = url.trim();
  if (!trimmed || trimmed.startsWith('#')) return null;
  try {
    const resolved = new URL(trimmed, base || 'http://relative.invalid/');
    if (!LINK_PROTOCOLS.has(resolved.protocol)) return null;
    if (resolved.hostname === 'relative.invalid')
      return `${resolved.pathname}${resolved.search}${resolved.hash}`;
    return trimmed.startsWith('/') && !trimmed.startsWith('//') ? trimmed : resolved.toString();
  } catch {
    return null;
  }
}

/**
 * Makes a body valid for Strapi's blocks validator: links it cannot take become their text (see
 * acceptableUrl), empty list items get an empty text node.
 */
export function finishBlocks(body: Block[], base: string): Block[] {
  const inlineFix = (nodes: InlineNode[]): InlineNode[] =>
    nodes.flatMap((node): InlineNode[] => {
      if (node.type !== 'link') return [node];
      const url = acceptableUrl(node.url, base);
      return url ? [{ ...node, url }] : node.children;
    });
  const listFix = (list: ListNode): ListNode => ({
    ...list,
    children: list.children.map((child) =>
      child.type === 'list'
        ? listFix(child)
        : {
            ...child,
            children:
              child.children.length > 0 ? inlineFix(child.children) : [{ type: 'text', text: '' }],
          }
    ),
  });
  return body.map((block) => {
    if (block.type === 'list') return listFix(block);
    if (block.type === 'image' || block.type === 'code') return block;
    return { ...block, children: inlineFix(block.children) } as Block;
  });
}
