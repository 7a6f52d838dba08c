import type { Core } from '@strapi/strapi';

const ARTICLE = 'api::article.article';
const FILE = 'plugin::upload.file';
const STORE = { type: 'app', name: 'publishing' } as const;
const DONE_KEY = 'migration.coverCreditsToFiles';

type ArticleRow = {
  id: number;
  publishedAt: string | null;
  cover?: { id: number; imageCredit?: { id: number } | null } | null;
  coverCredit?: { id: number } | null;
};

/**
 * Credits follow the image, for data from before they did: every article's `coverCredit` becomes its
 * cover file's credit where that file has none (published rows first, so a published credit wins over
 * a draft's). Files that have a credit keep it. Returns how many files got a credit.
 *
 * Why a bootstrap step and not a file in database/migrations: Strapi 5 runs those before it syncs the
 * schema, so on an existing database the file→credit relation does not exist yet when they run.
 * It runs once per database (a flag in the core store), so a credit an editor later removes from a file
 * is not put back at the next start; running it again would only fill files that still have none.
 */
export async function migrateCoverCreditsToFiles(strapi: Core.Strapi): Promise<number> {
  const store = strapi.store(STORE);
  if (await store.get({ key: DONE_KEY })) return 0;

  const articles = (await strapi.db.query(ARTICLE).findMany({
    select: ['id', 'publishedAt'],
    where: { coverCredit: { id: { $notNull: true } } },
    populate: {
      cover: { select: ['id'], populate: { imageCredit: { select: ['id'] } } },
      coverCredit: { select: ['id'] },
    },
  })) as ArticleRow[];
  articles.sort((a, b) => Number(b.publishedAt !== null) - Number(a.publishedAt !== null));

  const credited = new Set<number>();
  let filled = 0;
  for (const article of articles) {
    const file = article.cover;
    if (!file || !article.coverCredit || file.imageCredit || credited.has(file.id)) continue;
    await strapi.db
      .query(FILE)
      .update({ where: { id: file.id }, data: { imageCredit: article.coverCredit.id } });
    credited.add(file.id);
    filled += 1;
  }
  await store.set({ key: DONE_KEY, value: { at: new Date().toISOString(), filled } });
  if (filled > 0)
    strapi.log.info(
      `[publishing] Cover credits now follow their images: ${filled} file(s) got their article's credit.`
    );
  return filled;
}
