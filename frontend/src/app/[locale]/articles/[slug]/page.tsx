/**
 * The public article page (`/{locale}/articles/{slug}`): published content only, no token ever, so a CDN
 * may keep it as long as the API's answers it is made of (proxy.ts sets the Cache-Control). The view
 * count is refreshed by the reader's browser; Strapi's Preview has its own route under `/preview`.
 */
import type { Metadata } from 'next';
import { ArticleView, articleMetadata } from '../../../../components/article-page';

// rendered per request: the Content-Security-Policy nonce is new on every render
export const dynamic = 'force-dynamic';

interface Params {
  params: Promise<{ locale: string; slug: string }>;
  searchParams: Promise<{ cursor?: string | string[] }>;
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { locale, slug } = await params;
  return articleMetadata(locale, slug, null);
}

export default async function ArticlePage({ params, searchParams }: Params) {
  const { locale, slug } = await params;
  const { cursor } = await searchParams;
  return <ArticleView locale={locale} slug={slug} preview={null} cursor={cursor} />;
}
