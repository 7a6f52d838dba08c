import {
  DIGITAL_SOURCE_TYPE_BASE,
  type FileProvenance,
  type VariantRights,
} from 'strapi-plugin-thumbnails/shared';
import { LICENSE_URLS } from './licenses';
import type { License } from '../utils/credit-line';

const AI_MADE = `${DIGITAL_SOURCE_TYPE_BASE}trainedAlgorithmicMedia`;

export interface CreditForRights {
  creator?: string | null;
  copyrightHolder?: string | null;
  year?: number | null;
  license?: License | string | null;
  aiGenerated?: boolean | null;
  creditLine?: string | null;
}

const clean = (value: string | null | undefined): string | undefined => {
  const text = (value ?? '').replace(/\s+/g, ' ').trim();
  return text || undefined;
};

/**
 * The rights a file's variants carry when the file has an image credit: creator, credit line and
 * "© <year> <holder>" from the credit; the license URL of a Creative Commons or public-domain credit as
 * Web Statement (else the file's own); the file's licensor; the file's digital source type, or
 * trainedAlgorithmicMedia when only the credit says the image is AI-made.
 */
export function variantRightsFromCredit(
  credit: CreditForRights,
  provenance: FileProvenance | null
): VariantRights {
  const rights: VariantRights = {};
  const creator = clean(credit.creator);
  if (creator) rights.creator = [creator];
  const line = clean(credit.creditLine);
  if (line) rights.creditLine = line;
  const holder = clean(credit.copyrightHolder) ?? creator;
  if (holder)
    rights.copyrightNotice = `© ${[credit.year ?? undefined, holder].filter(Boolean).join(' ')}`;
  const webStatement =
    (credit.license ? LICENSE_URLS[credit.license as License] : undefined) ??
    clean(provenance?.rights.webStatement);
  if (webStatement) rights.webStatement = webStatement;
  if (provenance?.rights.licensor) rights.licensor = provenance.rights.licensor;
  const sourceType = provenance?.digitalSourceType ?? (credit.aiGenerated ? AI_MADE : undefined);
  if (sourceType) rights.digitalSourceType = sourceType;
  return rights;
}
