/**
 * JSON-LD for the article page: a schema.org Article whose `image` is the cover's ImageObject as the
 * API made it (`coverStructuredData.jsonLd`, with its credit and IPTC digital source type). Pure.
 */

export interface ArticleJsonLdInput {
  url: string;
  headline: string;
  description?: string | null;
  author?: string | null;
  datePublished?: string | null;
  dateModified?: string | null;
  locale: string;
  coverJsonLd?: Record<string, unknown> | null;
  keywords: string[];
}

export function articleJsonLd(input: ArticleJsonLdInput): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'Article',
    mainEntityOfPage: input.url,
    url: input.url,
    headline: input.headline,
    inLanguage: input.locale,
    ...(input.description ? { description: input.description } : {}),
    ...(input.author ? { author: { '@type': 'Person', name: input.author } } : {}),
    ...(input.datePublished ? { datePublished: input.datePublished } : {}),
    ...(input.dateModified ? { dateModified: input.dateModified } : {}),
    ...(input.keywords.length > 0 ? { keywords: input.keywords.join(', ') } : {}),
    ...(input.coverJsonLd ? { image: input.coverJsonLd } : {}),
  };
}

/** JSON for a `<script type="application/ld+json">`: `<` escaped so no value can close the script. */
export const jsonForScript = (value: unknown): string =>
  JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
