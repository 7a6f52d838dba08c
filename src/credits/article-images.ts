import type { Core } from '@strapi/strapi';
import type { CreditRow } from '../api/image-credit/services/image-credit';
import { bodyImageRefs, effectiveCredit, type BodyImageRef, type CreditSource } from './images';
import type { FileProvenance } from 'strapi-plugin-thumbnails/shared';
import { readProvenance } from './provenance';

const FILE = 'plugin::upload.file';

/** An upload file as the credit code reads it. */
export interface ImageFile {
  id: number;
  name: string;
  url: string;
  provenance: FileProvenance | null;
  credit: CreditRow | null;
}

/** The images an article shows with their files and effective credits. */
export interface ArticleImages {
  cover: { file: ImageFile; credit: CreditRow | null; source: CreditSource | null } | null;
  body: Array<{ ref: BodyImageRef; file: ImageFile | null; credit: CreditRow | null }>;
}

type FileRow = {
  id: number;
  name: string;
  url: string;
  provenance?: unknown;
  imageCredit?: CreditRow | null;
};

const toImageFile = (row: FileRow): ImageFile => ({
  id: row.id,
  name: row.name,
  url: row.url,
  provenance: readProvenance(row.provenance),
  credit: row.imageCredit ?? null,
});

/**
 * Loads the files behind an article's cover and body images (by id, else by URL, as the blocks editor
 * stores them) with their credits and provenance, in two queries, and resolves each image's effective
 * credit: the cover's is the article's own `coverCredit`, else its file's; a body image's is its file's.
 */
export async function loadArticleImages(
  strapi: Core.Strapi,
  article: { cover?: { id: number } | null; coverCredit?: CreditRow | null; body?: unknown }
): Promise<ArticleImages> {
  const refs = bodyImageRefs(article.body);
  const ids = [article.cover?.id, ...refs.map((ref) => ref.id)].filter(
    (id): id is number => typeof id === 'number'
  );
  const urls = refs.filter((ref) => ref.id === undefined && ref.url).map((ref) => ref.url!);
  const or: Record<string, unknown>[] = [];
  if (ids.length > 0) or.push({ id: { $in: ids } });
  if (urls.length > 0) or.push({ url: { $in: urls } });
  const rows =
    or.length === 0
      ? []
      : ((await strapi.db.query(FILE).findMany({
          where: { $or: or },
          populate: { imageCredit: true },
        })) as FileRow[]);
  const byId = new Map(rows.map((row) => [row.id, toImageFile(row)]));
  const byUrl = new Map([...byId.values()].map((file) => [file.url, file]));

  const coverFile = article.cover ? byId.get(article.cover.id) : undefined;
  const coverCredit = coverFile ? effectiveCredit(article.coverCredit, coverFile.credit) : null;
  return {
    cover: coverFile
      ? {
          file: coverFile,
          credit: coverCredit?.credit ?? null,
          source: coverCredit?.source ?? null,
        }
      : null,
    body: refs.map((ref) => {
      const file =
        (ref.id !== undefined ? byId.get(ref.id) : ref.url ? byUrl.get(ref.url) : undefined) ??
        null;
      return { ref, file, credit: file?.credit ?? null };
    }),
  };
}
