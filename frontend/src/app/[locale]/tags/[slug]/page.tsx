/**
 * A tag's public page (`/{locale}/tags/{slug}?page=`): published content only, so a CDN may keep it as
 * long as the API's answers it is made of (proxy.ts sets the Cache-Control).
 */
import type { Metadata } from 'next';
import { TagView, pageOf, tagMetadata } from '../../../../components/tag-page';

// rendered per request: the Content-Security-Policy nonce is new on every render
export const dynamic = 'force-dynamic';

interface Params {
  params: Promise<{ locale: string; slug: string }>;
  searchParams: Promise<{ page?: string | string[] }>;
}

export async function generateMetadata({ params, searchParams }: Params): Promise<Metadata> {
  const { locale, slug } = await params;
  return tagMetadata(locale, slug, pageOf((await searchParams).page));
}

export default async function TagPage({ params, searchParams }: Params) {
  const { locale, slug } = await params;
  return <TagView locale={locale} slug={slug} page={pageOf((await searchParams).page)} />;
}
