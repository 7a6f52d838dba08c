import { formatCreditLine, type CreditFields } from '../utils/credit-line';
import { resolveDerivedField } from '../utils/derived-field';
import { fieldError } from './errors';
import type { DocumentRule } from './types';

const UID = 'api::image-credit.image-credit';

type StoredCredit = CreditFields & { sourceUrl?: string | null; creditLine?: string | null };

const isBlank = (value: unknown) =>
  value == null || (typeof value === 'string' && value.trim() === '');

/** Whether `value` is an absolute http:// or https:// URL with a host. */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}

/**
 * Image credit rules: `sourceUrl` must be an http(s) URL, `aiTool` is required for AI-generated images,
 * and `creditLine` is computed from the other fields unless an editor wrote their own. A clone is checked
 * as a whole (its source's URL too), and its credit line follows its own fields unless the source's line
 * was written by hand or the clone sends one of its own.
 */
export const imageCreditRule: DocumentRule = async ({ strapi, action, data, documentId }) => {
  const previous = documentId
    ? ((await strapi.db.query(UID).findOne({ where: { documentId } })) as StoredCredit | null)
    : null;
  // an update or clone of an unknown document: let Strapi answer 404
  if (documentId && !previous) return;

  const merged = { ...(previous ?? {}), ...data } as StoredCredit;

  if (typeof data.sourceUrl === 'string') data.sourceUrl = data.sourceUrl.trim() || null;
  const sourceUrl =
    action === 'clone' && !('sourceUrl' in data) ? previous?.sourceUrl : data.sourceUrl;
  if (!isBlank(sourceUrl) && (typeof sourceUrl !== 'string' || !isHttpUrl(sourceUrl))) {
    throw fieldError('sourceUrl', 'sourceUrl must be an http:// or https:// URL', sourceUrl);
  }
  if (merged.aiGenerated === true && isBlank(merged.aiTool)) {
    throw fieldError(
      'aiTool',
      'aiTool is required when aiGenerated is true (e.g. "DALL·E")',
      merged.aiTool
    );
  }

  const creditLine = resolveDerivedField({
    incoming: data.creditLine as string | null | undefined,
    previous: previous?.creditLine,
    previousDerived: previous ? formatCreditLine(previous) : undefined,
    derived: formatCreditLine({
      ...merged,
      year: merged.year == null ? null : Number(merged.year),
    }),
  });
  if (creditLine !== undefined) data.creditLine = creditLine;
};
