/**
 * Strapi's Preview of an article (`/preview/{locale}/articles/{slug}?preview=<signed token>`, the link
 * config/admin.ts builds): the version the token names, read with the read-drafts token on this server.
 * Never stored by any cache and never indexed (proxy.ts), no view counted, no comments or share links.
 */
import type { Metadata } from 'next';
import { ArticleView, articleMetadata, previewGrant } from '../../../../../components/article-page';
import { articlePath } from '../../../../../lib/urls';

export const dynamic = 'force-dynamic';

interface Params {
  params: Promise<{ locale: string; slug: string }>;
  searchParams: Promise<{ preview?: string | string[] }>;
}

export async function generateMetadata({ params, searchParams }: Params): Promise<Metadata> {
  const { locale, slug } = await params;
  const grant = previewGrant((await searchParams).preview, articlePath(locale, slug));
  return {
    ...(await articleMetadata(locale, slug, grant)),
    robots: { index: false, follow: false },
  };
}

export default async function ArticlePreview({ params, searchParams }: Params) {
  const { locale, slug } = await params;
  const grant = previewGrant((await searchParams).preview, articlePath(locale, slug));
  return <ArticleView locale={locale} slug={slug} preview={grant} />;
}
