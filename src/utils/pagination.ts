import { fieldError } from '../document-rules/errors';

export const DEFAULT_PAGE_SIZE = 25;

const positiveInt = (raw: unknown, name: string, max: number, fallback: number): number => {
  if (raw === undefined || raw === '') return fallback;
  const value = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value) || value < 1)
    throw fieldError(name, `${name} must be a positive integer`, raw);
  if (value > max) throw fieldError(name, `${name} must be at most ${max}`, raw);
  return value;
};

/**
 * Reads `page` and `pageSize` (or Strapi's `pagination[page]` / `pagination[pageSize]`) from a query string,
 * with a clear 400 for anything that is not a positive integer or a page size above `maxPageSize`.
 */
export function parsePagination(
  query: Record<string, unknown>,
  maxPageSize: number
): { page: number; pageSize: number } {
  const nested = (query.pagination ?? {}) as Record<string, unknown>;
  return {
    page: positiveInt(query.page ?? nested.page, 'page', Number.MAX_SAFE_INTEGER, 1),
    pageSize: positiveInt(
      query.pageSize ?? nested.pageSize,
      'pageSize',
      maxPageSize,
      DEFAULT_PAGE_SIZE
    ),
  };
}
