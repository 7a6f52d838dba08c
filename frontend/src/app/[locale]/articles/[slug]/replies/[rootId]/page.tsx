/**
 * "More replies" of one thread, as a page of its own: the link under a thread works without JavaScript.
 * With it, the comment section's script wires the replies as on the article page (Report on every reply;
 * Edit and Delete on the reader's own, within the edit window).
 */
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { repliesSection } from '../../../../../../comments/page';
import { CommentsScript } from '../../../../../../components/comments-script';
import { publishedArticle, repliesOf } from '../../../../../../lib/content';
import { LOCALE_PATTERN, SLUG_PATTERN, publicStrapiUrl } from '../../../../../../lib/settings';
import { articlePath } from '../../../../../../lib/urls';

export const dynamic = 'force-dynamic';

interface Params {
  params: Promise<{ locale: string; slug: string; rootId: string }>;
  searchParams: Promise<{ cursor?: string | string[] }>;
}

const CURSOR_MAX = 200;

export const metadata: Metadata = { title: 'More replies', robots: { index: false } };

export default async function RepliesPage({ params, searchParams }: Params) {
  const { locale, slug, rootId } = await params;
  if (!LOCALE_PATTERN.test(locale) || !SLUG_PATTERN.test(slug) || !/^\d{1,15}$/.test(rootId))
    notFound();
  const { cursor } = await searchParams;
  const found = await publishedArticle(slug, locale);
  if (found.kind !== 'found') notFound();
  const page = await repliesOf(
    Number(rootId),
    typeof cursor === 'string' && cursor.length <= CURSOR_MAX ? cursor : undefined
  );
  if (!page) notFound();
  const base = articlePath(locale, slug);
  const section = repliesSection({
    apiUrl: `${publicStrapiUrl()}/api`,
    title: found.article.title ?? slug,
    articleHref: `${base}#comment-${rootId}`,
    replies: page.replies,
    nextHref: page.nextCursor
      ? `${base}/replies/${rootId}?${new URLSearchParams({ cursor: page.nextCursor })}`
      : null,
  });
  return (
    <>
      <div className="comments-host" dangerouslySetInnerHTML={{ __html: section.value }} />
      <CommentsScript />
    </>
  );
}
