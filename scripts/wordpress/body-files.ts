/**
 * A body's images and links against the uploaded files: which attachments a body needs, and the body
 * pointing at the new files (image blocks get the file, links to uploads its URL); an image that could
 * not be uploaded, or lives on another site, becomes a link to it, listed as a loss. Pure.
 */
import { uploadKey } from './media';
import type { Block, ImageNode, InlineNode, Loss } from './strapi-blocks';

/** An upload file row as the importer reads it. */
export interface UploadedFile {
  id: number;
  name: string;
  url: string;
  alternativeText?: string | null;
  caption?: string | null;
  width?: number | null;
  height?: number | null;
  formats?: unknown;
  hash: string;
  ext?: string;
  mime: string;
  size: number;
  previewUrl?: string | null;
  provider: string;
  provenance?: unknown;
  imageCredit?: { id: number; documentId: string } | null;
  createdAt?: string | Date;
  updatedAt?: string | Date;
}

/** The image object of a Strapi image block for an uploaded file (what the blocks validator requires). */
export const imageFields = (file: UploadedFile, node: ImageNode) => ({
  name: file.name,
  alternativeText: node.image.alternativeText ?? file.alternativeText ?? null,
  caption: node.image.caption ?? file.caption ?? null,
  url: file.url,
  width: file.width ?? null,
  height: file.height ?? null,
  formats: file.formats ?? null,
  hash: file.hash,
  ext: file.ext ?? null,
  mime: file.mime,
  size: file.size,
  previewUrl: file.previewUrl ?? null,
  provider: file.provider,
  createdAt: new Date(file.createdAt ?? Date.now()).toISOString(),
  updatedAt: new Date(file.updatedAt ?? Date.now()).toISOString(),
});

/**
 * Lookups over a body: `keys` maps upload keys (media.ts uploadKey) to attachment IDs, `known` says whether
 * the export has an attachment.
 */
export function bodyFileLookup(keys: ReadonlyMap<string, number>, known: (id: number) => boolean) {
  const attachmentOfUrl = (url: string): number | undefined => {
    const key = uploadKey(url);
    return key ? keys.get(key) : undefined;
  };

  /** An image's attachment: the ID WordPress wrote on it when the export has it, else its URLs' (src, srcset). */
  const attachmentOfImage = (ref: ImageNode['reference']): number | undefined => {
    if (ref?.attachmentId && known(ref.attachmentId)) return ref.attachmentId;
    return [ref?.src ?? '', ...(ref?.srcset ?? [])].map(attachmentOfUrl).find(Boolean);
  };

  /** The attachment IDs a body's images and links point at. */
  function attachmentsOfBody(body: Block[]): number[] {
    const ids = new Set<number>();
    const visitInline = (nodes: InlineNode[]) => {
      for (const node of nodes)
        if (node.type === 'link') {
          const id = attachmentOfUrl(node.url);
          if (id) ids.add(id);
        }
    };
    for (const block of body) {
      if (block.type === 'image') {
        const id = attachmentOfImage(block.reference);
        if (id) ids.add(id);
      } else if (block.type === 'list') {
        const walk = (list: typeof block) =>
          list.children.forEach((c) => (c.type === 'list' ? walk(c) : visitInline(c.children)));
        walk(block);
      } else if (block.type !== 'code') visitInline(block.children);
    }
    return [...ids];
  }

  /** Points images and links at the uploaded files; lists what stays on the old site. */
  function rewriteBody(body: Block[], files: Map<number, UploadedFile>, losses: Loss[]): Block[] {
    const rewriteInline = (nodes: InlineNode[]) => {
      for (const node of nodes) {
        if (node.type !== 'link') continue;
        const id = attachmentOfUrl(node.url);
        const file = id ? files.get(id) : undefined;
        if (file) node.url = file.url;
      }
    };
    const out: Block[] = [];
    for (const block of body) {
      if (block.type === 'image') {
        const ref = block.reference;
        const id = attachmentOfImage(ref);
        const file = id ? files.get(id) : undefined;
        if (file) {
          out.push({
            type: 'image',
            image: imageFields(file, block),
            children: [{ type: 'text', text: '' }],
          });
        } else {
          const src = ref?.src ?? block.image.url;
          const local = uploadKey(src) !== null;
          losses.push({
            what: `image ${src}`,
            fallback: local
              ? `${id ? 'its upload failed (see media)' : 'not in the export'}: a link to it on the old site`
              : 'on another site: a link to it',
          });
          // an image block must point at an uploaded file (Strapi's blocks validator): the honest fallback is a link
          const label = block.image.caption || block.image.alternativeText || src;
          out.push({
            type: 'paragraph',
            children: [
              { type: 'link', url: src, children: [{ type: 'text', text: `Image: ${label}` }] },
            ],
          });
        }
        continue;
      }
      if (block.type === 'list') {
        const walk = (list: typeof block) =>
          list.children.forEach((c) => (c.type === 'list' ? walk(c) : rewriteInline(c.children)));
        walk(block);
      } else if (block.type !== 'code') rewriteInline(block.children);
      out.push(block);
    }
    return out;
  }

  return { attachmentOfImage, attachmentsOfBody, rewriteBody };
}
