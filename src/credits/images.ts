/**
 * Which images an article shows: its cover and the image nodes of its blocks body, each pointing at an
 * upload file (the admin's blocks editor stores the picked file's fields in `node.image`).
 */

/** An image node's pointer to its file, as the blocks editor stores it. */
export interface BodyImageRef {
  /** Position of the node among the body's top-level blocks. */
  index: number;
  id?: number;
  url?: string;
  name?: string;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/** The image nodes of a blocks body, in order, with what identifies their files. */
export function bodyImageRefs(body: unknown): BodyImageRef[] {
  if (!Array.isArray(body)) return [];
  const refs: BodyImageRef[] = [];
  body.forEach((node, index) => {
    if (!isObject(node) || node.type !== 'image' || !isObject(node.image)) return;
    const { id, url, name } = node.image;
    const numericId =
      typeof id === 'number'
        ? id
        : typeof id === 'string' && /^\d+$/.test(id)
          ? Number(id)
          : undefined;
    refs.push({
      index,
      id: numericId,
      url: typeof url === 'string' ? url : undefined,
      name: typeof name === 'string' ? name : undefined,
    });
  });
  return refs;
}

/** Where an article's cover credit comes from: its own `coverCredit`, else its cover file's credit. */
export type CreditSource = 'article' | 'file';

/**
 * An article's effective cover credit: its own `coverCredit` when it has one (an editor's choice wins),
 * else the credit of its cover file, else none.
 */
export function effectiveCredit<C>(
  own: C | null | undefined,
  fileCredit: C | null | undefined
): { credit: C; source: CreditSource } | null {
  if (own) return { credit: own, source: 'article' };
  if (fileCredit) return { credit: fileCredit, source: 'file' };
  return null;
}
