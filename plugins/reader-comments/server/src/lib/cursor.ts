/**
 * Opaque cursors for comment pages: the sort values and id of the last comment a page showed, so the
 * next page starts after it whatever was posted meanwhile (offsets would repeat or skip comments). Pure.
 */

/** The orders a thread can be read in. */
export const ORDERS = ['newest', 'oldest', 'top'] as const;
export type Order = (typeof ORDERS)[number];

/**
 * Where a page ended: the last comment's id (ids grow with posting time, so `newest` and `oldest` order by
 * id alone) and, for `top`, its score (approved replies) first.
 */
export interface Cursor {
  order: Order;
  values: number[];
  id: number;
}

/** `cursor` as the text a client sends back (base64url). */
export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.order, cursor.values, cursor.id])).toString(
    'base64url'
  );
}

/** The cursor in `text`, or null when it is not one this module wrote for `order` (the caller answers 400). */
export function decodeCursor(text: string, order: Order): Cursor | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(text)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) return null;
  const [cursorOrder, values, id] = parsed as [unknown, unknown, unknown];
  const expected = order === 'top' ? 1 : 0;
  if (cursorOrder !== order || !Array.isArray(values) || values.length !== expected) return null;
  if (
    !values.every((value) => Number.isSafeInteger(value) && (value as number) >= 0) ||
    !Number.isSafeInteger(id) ||
    (id as number) < 1
  )
    return null;
  return { order, values: values as number[], id: id as number };
}
