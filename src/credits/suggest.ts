import type { License } from '../utils/credit-line';
import { recognizeLicense } from './licenses';
import type { FileProvenance } from 'strapi-plugin-thumbnails/shared';

/** An image credit built from a file's own metadata; absent fields are unknown. */
export interface CreditSuggestion {
  creator?: string;
  copyrightHolder?: string;
  year?: number;
  license?: License;
  sourceUrl?: string;
  aiGenerated: boolean;
  aiTool?: string;
}

/** The credit fields the admin form and the API fill from a suggestion. */
export const SUGGESTED_FIELDS = [
  'creator',
  'copyrightHolder',
  'year',
  'license',
  'sourceUrl',
  'aiGenerated',
  'aiTool',
] as const;

const clean = (value: string | undefined | null): string | undefined => {
  const text = (value ?? '').replace(/\s+/g, ' ').trim();
  return text || undefined;
};

const isHttpUrl = (value: string | undefined): value is string => {
  if (!value) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
};

const YEAR = /\b(1[89]\d\d|2[01]\d\d)\b/g;

/** The latest year a copyright notice names ("© 2019–2023 Jane Doe" → 2023), if any. */
export function yearFromNotice(notice: string | undefined): number | undefined {
  const years = (notice ?? '').match(YEAR)?.map(Number) ?? [];
  return years.length > 0 ? Math.max(...years) : undefined;
}

/**
 * The holder a copyright notice names, without the ©/(c)/"Copyright" mark, years and "All rights
 * reserved": "Copyright (c) 2023 Jane Doe. All rights reserved." → "Jane Doe".
 */
export function holderFromNotice(notice: string | undefined): string | undefined {
  if (!notice) return undefined;
  const holder = notice
    .replace(/all rights reserved\.?/gi, ' ')
    .replace(/copyright|©|\(c\)/gi, ' ')
    .replace(/\b(1[89]\d\d|2[01]\d\d)\b(\s*[-–]\s*\b(1[89]\d\d|2[01]\d\d)\b)?/g, ' ')
    .replace(/^[\s,.;:-]+|[\s,.;:-]+$/g, '');
  return clean(holder);
}

/**
 * The tool named by a C2PA claim generator, without versions and SDK tokens:
 * "DALL·E c2pa-rs/0.31.0" → "DALL·E", "ChatGPT/1.0 c2pa-js/0.2" → "ChatGPT".
 */
export function toolFromClaimGenerator(generator: string | undefined): string | undefined {
  const tokens = (generator ?? '')
    .split(/\s+/)
    .filter((token) => token && !/^c2pa[-_]/i.test(token));
  const first = tokens[0]?.replace(/\/.*$/, '').replace(/_/g, ' ');
  return clean(first);
}

const AI_SOURCE_TYPES =
  /\/(trainedAlgorithmicMedia|compositeWithTrainedAlgorithmicMedia|algorithmicMedia)$/;

/**
 * Builds an image credit from a file's provenance: creator (IPTC/XMP creators, joined), copyright holder
 * and year (from the copyright notice, else the licensor), license (recognised from the web statement,
 * the licensor URL or the usage terms; "all rights reserved" when only a copyright notice is known), the
 * source URL (licensor URL, else a web statement that is not a license URL), and `aiGenerated`/`aiTool`
 * (from the digital source type and the C2PA claim generator or the generating action's software agent).
 * Returns null when the file carries nothing a credit could use.
 */
export function suggestCredit(provenance: FileProvenance | null): CreditSuggestion | null {
  if (!provenance) return null;
  const rights = provenance.rights ?? {};
  const suggestion: CreditSuggestion = { aiGenerated: provenance.aiGenerated === true };

  const creators = (rights.creator ?? [])
    .map((name) => clean(name))
    .filter((name): name is string => Boolean(name));
  const holder = holderFromNotice(rights.copyrightNotice) ?? clean(rights.licensor?.name);
  suggestion.creator = creators.length > 0 ? creators.join(', ') : holder;
  suggestion.copyrightHolder = holder;
  suggestion.year = yearFromNotice(rights.copyrightNotice);

  const license =
    recognizeLicense(rights.webStatement) ??
    recognizeLicense(rights.licensor?.url) ??
    recognizeLicense(rights.usageTerms);
  suggestion.license = license ?? (rights.copyrightNotice ? 'all_rights_reserved' : undefined);

  const licensorUrl = isHttpUrl(rights.licensor?.url) ? rights.licensor?.url : undefined;
  const statementUrl =
    isHttpUrl(rights.webStatement) && !recognizeLicense(rights.webStatement)
      ? rights.webStatement
      : undefined;
  suggestion.sourceUrl = licensorUrl ?? statementUrl;

  if (suggestion.aiGenerated) {
    const generating = provenance.c2pa?.actions.find(
      (action) => action.digitalSourceType && AI_SOURCE_TYPES.test(action.digitalSourceType)
    );
    suggestion.aiTool =
      toolFromClaimGenerator(provenance.c2pa?.claimGenerator) ?? clean(generating?.softwareAgent);
  }

  const cleaned = Object.fromEntries(
    Object.entries(suggestion).filter(([, value]) => value !== undefined)
  ) as CreditSuggestion;
  const knowsSomething = Object.keys(cleaned).length > 1 || cleaned.aiGenerated;
  return knowsSomething ? cleaned : null;
}

/**
 * Fills the fields an editor left out with the suggestion's; never replaces a field the editor sent
 * (even an empty one: clearing a field is a choice).
 */
export function fillFromSuggestion(
  edited: Record<string, unknown>,
  suggestion: CreditSuggestion | null
): Record<string, unknown> {
  const filled: Record<string, unknown> = { ...edited };
  for (const field of SUGGESTED_FIELDS) {
    if (!(field in filled) && suggestion?.[field] !== undefined) filled[field] = suggestion[field];
  }
  return filled;
}
