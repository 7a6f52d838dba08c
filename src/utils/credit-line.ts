/**
 * Credit lines for images, as a frontend prints them under a picture.
 *
 * Examples: "Image created with DALL·E, © 2023 Jane Doe", "Photo: Jane Doe (CC BY 4.0)".
 */

export const LICENSES = [
  'all_rights_reserved',
  'cc_by',
  'cc_by_sa',
  'cc_by_nc',
  'cc0',
  'public_domain',
  'other',
] as const;

export type License = (typeof LICENSES)[number];

/** How each license is named in a credit line; `null` means "print a © notice instead". */
export const LICENSE_LABELS: Record<License, string | null> = {
  all_rights_reserved: null,
  cc_by: 'CC BY 4.0',
  cc_by_sa: 'CC BY-SA 4.0',
  cc_by_nc: 'CC BY-NC 4.0',
  cc0: 'CC0 1.0',
  public_domain: 'public domain',
  other: null,
};

export interface CreditFields {
  creator?: string | null;
  copyrightHolder?: string | null;
  year?: number | null;
  license?: License | string | null;
  aiGenerated?: boolean | null;
  aiTool?: string | null;
}

const clean = (value: string | null | undefined): string =>
  (value ?? '').replace(/\s+/g, ' ').trim();

/**
 * Builds the credit line from an image credit's fields.
 *
 * - AI images lead with "Image created with <tool>", others with "Photo: <creator>".
 * - Creative Commons / public domain images end with the license in parentheses.
 * - Otherwise (all rights reserved, other, unknown) a "© <year> <holder>" notice follows; the holder is
 *   the copyright holder, or the creator when none is given.
 */
export function formatCreditLine(fields: CreditFields): string {
  const creator = clean(fields.creator);
  const holder = clean(fields.copyrightHolder) || creator;
  const tool = clean(fields.aiTool);
  const year =
    typeof fields.year === 'number' && Number.isFinite(fields.year) ? String(fields.year) : '';
  const license =
    fields.license && fields.license in LICENSE_LABELS ? (fields.license as License) : undefined;
  const label = license ? LICENSE_LABELS[license] : null;
  const notice = holder ? `© ${[year, holder].filter(Boolean).join(' ')}` : '';

  if (fields.aiGenerated && tool) {
    if (label) return `Image created with ${tool}${creator ? ` by ${creator}` : ''} (${label})`;
    return notice ? `Image created with ${tool}, ${notice}` : `Image created with ${tool}`;
  }

  const lead = creator ? `Photo: ${creator}` : 'Photo';
  if (label) {
    const extraHolder = holder && holder !== creator ? `, ${notice}` : '';
    return `${lead}${extraHolder} (${label})`;
  }
  if (!notice) return lead;
  return holder === creator ? `Photo: ${notice}` : `${lead}, ${notice}`;
}
