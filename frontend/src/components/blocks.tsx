/**
 * Strapi's blocks rich text as HTML elements: every block type the editor offers (paragraphs, headings,
 * lists, quotes, code, images with their credits, links, and the text marks). Server-rendered; body
 * images load lazily (the cover is the page's one eager image).
 */
import type { ReactNode } from 'react';
import { mediaUrl } from '../lib/urls';

interface TextNode {
  type: 'text';
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  strikethrough?: boolean;
  code?: boolean;
}
interface LinkNode {
  type: 'link';
  url: string;
  children: InlineNode[];
}
type InlineNode = TextNode | LinkNode;

interface ImageCredit {
  creditLine?: string | null;
}
interface BlockImage {
  url: string;
  alternativeText?: string | null;
  caption?: string | null;
  width?: number | null;
  height?: number | null;
  credit?: ImageCredit | null;
}

export type Block =
  | { type: 'paragraph'; children: InlineNode[] }
  | { type: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; children: InlineNode[] }
  | { type: 'quote'; children: InlineNode[] }
  | { type: 'code'; language?: string; children: InlineNode[] }
  | { type: 'list'; format: 'ordered' | 'unordered'; children: Array<ListItem | ListBlock> }
  | { type: 'image'; image: BlockImage; children?: InlineNode[] };
interface ListItem {
  type: 'list-item';
  children: InlineNode[];
}
type ListBlock = Extract<Block, { type: 'list' }>;

const SAFE_LINK = /^(https?:|mailto:|\/|#)/i;

function Inline({ node }: { node: InlineNode }): ReactNode {
  if (node.type === 'link') {
    const children = node.children.map((child, i) => <Inline key={i} node={child} />);
    return SAFE_LINK.test(node.url) ? <a href={node.url}>{children}</a> : <>{children}</>;
  }
  let out: ReactNode = node.text;
  if (node.code) out = <code>{out}</code>;
  if (node.bold) out = <strong>{out}</strong>;
  if (node.italic) out = <em>{out}</em>;
  if (node.underline) out = <u>{out}</u>;
  if (node.strikethrough) out = <s>{out}</s>;
  return out;
}

const inlines = (nodes: InlineNode[] | undefined) =>
  (nodes ?? []).map((node, i) => <Inline key={i} node={node} />);

const plainText = (nodes: InlineNode[] | undefined): string =>
  (nodes ?? [])
    .map((node) => (node.type === 'text' ? node.text : plainText(node.children)))
    .join('');

function List({ block }: { block: ListBlock }): ReactNode {
  const items = block.children.map((child, i) =>
    child.type === 'list' ? (
      <li key={i}>
        <List block={child} />
      </li>
    ) : (
      <li key={i}>{inlines(child.children)}</li>
    )
  );
  return block.format === 'ordered' ? <ol>{items}</ol> : <ul>{items}</ul>;
}

function BodyImage({ image, media }: { image: BlockImage; media: string }): ReactNode {
  const credit = image.credit?.creditLine;
  return (
    <figure className="body-image">
      <img
        src={mediaUrl(media, image.url)}
        alt={image.alternativeText ?? ''}
        width={image.width ?? undefined}
        height={image.height ?? undefined}
        loading="lazy"
        decoding="async"
      />
      {image.caption || credit ? (
        <figcaption>
          {image.caption ? <span className="caption">{image.caption}</span> : null}
          {credit ? <span className="credit-line">{credit}</span> : null}
        </figcaption>
      ) : null}
    </figure>
  );
}

function BlockElement({ block, media }: { block: Block; media: string }): ReactNode {
  switch (block.type) {
    case 'paragraph':
      return <p>{inlines(block.children)}</p>;
    case 'heading': {
      // the page's title is the h1: body headings start at h2
      const Tag = `h${Math.min(6, Math.max(2, block.level))}` as 'h2';
      return <Tag>{inlines(block.children)}</Tag>;
    }
    case 'quote':
      return <blockquote>{inlines(block.children)}</blockquote>;
    case 'code':
      return (
        <pre>
          <code>{plainText(block.children)}</code>
        </pre>
      );
    case 'list':
      return <List block={block} />;
    case 'image':
      return <BodyImage image={block.image} media={media} />;
    default:
      return null;
  }
}

/** The article body; `media` is Strapi's public URL (relative image URLs are its uploads). */
export function Blocks({ blocks, media }: { blocks: unknown; media: string }): ReactNode {
  if (!Array.isArray(blocks)) return null;
  return (blocks as Block[]).map((block, i) => (
    <BlockElement key={i} block={block} media={media} />
  ));
}
