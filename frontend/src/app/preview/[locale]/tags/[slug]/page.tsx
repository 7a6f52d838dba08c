/**
 * Strapi's Preview of a tag (`/preview/{locale}/tags/{slug}?preview=<signed token>`): the tag's page as
 * readers see it (a tag page lists published articles only), behind a valid token, never stored by any
 * cache and never indexed (proxy.ts).
 */
import type { Metadata } from 'next';
import { previewGrant } from '../../../../../components/article-page';
import { TagView, tagMetadata } from '../../../../../components/tag-page';
import { tagPath } from '../../../../../lib/urls';

export const dynamic = 'force-dynamic';

interface Params {
  params: Promise<{ locale: string; slug: string }>;
  searchParams: Promise<{ preview?: string | string[] }>;
}

export async function generateMetadata({ params, searchParams }: Params): Promise<Metadata> {
  const { locale, slug } = await params;
  previewGrant((await searchParams).preview, tagPath(locale, slug));
  return { ...(await tagMetadata(locale, slug, 1)), robots: { index: false, follow: false } };
}

export default async function TagPreview({ params, searchParams }: Params) {
  const { locale, slug } = await params;
  previewGrant((await searchParams).preview, tagPath(locale, slug));
  return <TagView locale={locale} slug={slug} page={1} />;
}
