import { formatCreditLine, type License } from '../utils/credit-line';
import { LICENSE_URLS } from './licenses';
import type { FileProvenance } from 'strapi-plugin-thumbnails/shared';

/** The credit fields structured data is built from. */
export interface CreditForJsonLd {
  creator?: string | null;
  copyrightHolder?: string | null;
  year?: number | null;
  license?: License | string | null;
  sourceUrl?: string | null;
  aiGenerated?: boolean | null;
  aiTool?: string | null;
  creditLine?: string | null;
}

/** A schema.org ImageObject with the fields search engines read for image credits and licensing. */
export interface ImageObject {
  '@context': 'https://schema.org';
  '@type': 'ImageObject';
  contentUrl: string;
  creditText?: string;
  creator?: Array<{ '@type': 'Person' | 'Organization'; name: string }>;
  copyrightNotice?: string;
  copyrightHolder?: { '@type': 'Person' | 'Organization'; name: string };
  copyrightYear?: number;
  license?: string;
  acquireLicensePage?: string;
}

export interface ImageStructuredData {
  /** Ready to embed as `<script type="application/ld+json">`. */
  jsonLd: ImageObject;
  /** The IPTC digital source type URI of the file, when it declares one. */
  digitalSourceType: string | null;
}

const clean = (value: string | null | undefined): string | undefined => {
  const text = (value ?? '').replace(/\s+/g, ' ').trim();
  return text || undefined;
};

/** An absolute URL for a stored file URL: provider URLs are kept, local `/uploads/…` paths get `publicUrl`. */
export function absoluteUrl(url: string, publicUrl?: string | null): string {
  if (/^https?:\/\//i.test(url) || !publicUrl) return url;
  // relative to the public URL's path (an app served under /cms keeps /cms/uploads/…)
  return new URL(
    url.replace(/^\/+/, ''),
    publicUrl.endsWith('/') ? publicUrl : `${publicUrl}/`
  ).toString();
}

/**
 * The schema.org ImageObject for an image (JSON-LD) and its digital source type. The effective credit
 * wins over the file's own metadata; the file's metadata fills what the credit does not say:
 * `creditText` is the credit line, `creator` the credit's creator (else the file's creators),
 * `copyrightNotice` the file's notice or "© <year> <holder>", `license` the license URL (Creative Commons
 * or public domain) or the file's web statement, `acquireLicensePage` the file's licensor URL or the
 * credit's source URL. Empty fields are left out.
 */
export function imageStructuredData(input: {
  url: string;
  publicUrl?: string | null;
  credit?: CreditForJsonLd | null;
  provenance?: FileProvenance | null;
}): ImageStructuredData {
  const { credit, provenance } = input;
  const rights = provenance?.rights ?? {};
  const jsonLd: ImageObject = {
    '@context': 'https://schema.org',
    '@type': 'ImageObject',
    contentUrl: absoluteUrl(input.url, input.publicUrl),
  };

  const creditText =
    clean(credit?.creditLine) ??
    (credit ? clean(formatCreditLine({ ...credit, year: credit.year ?? null })) : undefined) ??
    clean(rights.creditLine);
  if (creditText) jsonLd.creditText = creditText;

  const creators = credit?.creator ? [credit.creator] : (rights.creator ?? []);
  const names = creators.map((name) => clean(name)).filter((name): name is string => Boolean(name));
  if (names.length > 0) jsonLd.creator = names.map((name) => ({ '@type': 'Person', name }));

  const holder = clean(credit?.copyrightHolder) ?? clean(credit?.creator);
  const year = typeof credit?.year === 'number' ? credit.year : undefined;
  const notice =
    clean(rights.copyrightNotice) ??
    (holder ? `© ${[year, holder].filter(Boolean).join(' ')}` : undefined);
  if (notice) jsonLd.copyrightNotice = notice;
  if (clean(credit?.copyrightHolder))
    jsonLd.copyrightHolder = { '@type': 'Person', name: clean(credit?.copyrightHolder)! };
  if (year) jsonLd.copyrightYear = year;

  const licenseUrl =
    (credit?.license ? LICENSE_URLS[credit.license as License] : undefined) ??
    clean(rights.webStatement);
  if (licenseUrl) jsonLd.license = licenseUrl;
  const acquire = clean(rights.licensor?.url) ?? clean(credit?.sourceUrl);
  if (acquire) jsonLd.acquireLicensePage = acquire;

  return { jsonLd, digitalSourceType: provenance?.digitalSourceType ?? null };
}
