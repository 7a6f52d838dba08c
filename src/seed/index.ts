import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import sharp from 'sharp';
import { slugFromTitle } from '../utils/slug';
import {
  DEMO_ARTICLES,
  DEMO_CREDITS,
  DEMO_LOCALES,
  DEMO_TAGS,
  type DemoArticle,
} from './demo-content';

export interface SeedSummary {
  articles: number;
  tags: number;
  credits: number;
  covers: number;
}

const COVER_SIZE = { width: 1600, height: 900 } as const;

/** A cover picture made with sharp: a diagonal gradient with a few soft circles, as a JPEG. */
export async function renderCover(
  [from, to]: [string, string],
  { width, height } = COVER_SIZE
): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/>
    <circle cx="${width * 0.72}" cy="${height * 0.38}" r="${height * 0.28}" fill="#ffffff" fill-opacity="0.18"/>
    <circle cx="${width * 0.28}" cy="${height * 0.7}" r="${height * 0.18}" fill="#000000" fill-opacity="0.12"/>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 82 }).toBuffer();
}

const paragraphs = (texts: string[]) =>
  texts.map((text) => ({ type: 'paragraph', children: [{ type: 'text', text }] }));

async function uploadCover(strapi: Core.Strapi, article: DemoArticle): Promise<number> {
  const name = `${slugFromTitle(article.title)}.jpg`;
  const existing = (await strapi.db
    .query('plugin::upload.file')
    .findOne({ where: { name }, select: ['id'] })) as { id: number } | null;
  if (existing) return existing.id;

  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'seed-'));
  try {
    const filepath = path.join(dir, name);
    const buffer = await renderCover(article.colors);
    await fs.writeFile(filepath, buffer);
    const [file] = (await strapi
      .plugin('upload')
      .service('upload')
      .upload({
        data: {
          fileInfo: {
            name,
            alternativeText: `Abstract cover for "${article.title}"`,
            caption: article.title,
          },
        },
        files: { filepath, originalFilename: name, mimetype: 'image/jpeg', size: buffer.length },
      })) as Array<{ id: number }>;
    return file.id;
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** Adds a locale (Settings > Internationalization) unless it exists. */
async function ensureLocale(strapi: Core.Strapi, code: string): Promise<void> {
  const locales = strapi.plugin('i18n').service('locales');
  if (await locales.findByCode(code)) return;
  await locales.create({ code, name: DEMO_LOCALES[code] ?? code });
}

/**
 * Creates the demo tags, image credits, cover images and published articles. Idempotent: each item is
 * looked up by its natural key (tag name, credit creator, cover file name, article title) and only
 * created when missing, so running it twice changes nothing. One article also has a French version (the
 * French locale is added when missing). Returns how many of each exist afterwards (articles: published,
 * in the default locale).
 */
export async function seedDemoContent(strapi: Core.Strapi): Promise<SeedSummary> {
  const tagIds = new Map<string, string>();
  for (const tag of DEMO_TAGS) {
    const found = await strapi
      .documents('api::tag.tag')
      .findFirst({ filters: { name: { $eqi: tag.name } }, fields: ['documentId'] });
    const doc = found ?? (await strapi.documents('api::tag.tag').create({ data: tag }));
    tagIds.set(tag.name, doc.documentId);
  }

  const creditIds = new Map<string, string>();
  for (const { key, ...credit } of DEMO_CREDITS) {
    const found = await strapi
      .documents('api::image-credit.image-credit')
      .findFirst({ filters: { creator: { $eq: credit.creator } }, fields: ['documentId'] });
    const doc =
      found ?? (await strapi.documents('api::image-credit.image-credit').create({ data: credit }));
    creditIds.set(key, doc.documentId);
  }

  let covers = 0;
  for (const article of DEMO_ARTICLES) {
    const found = await strapi
      .documents('api::article.article')
      .findFirst({ filters: { title: { $eq: article.title } }, fields: ['documentId'] });
    // what every localization shows: the same byline, cover, credit and tags
    const shared = async () => ({
      author: article.author,
      cover: await uploadCover(strapi, article),
      coverCredit: creditIds.get(article.credit),
      tags: article.tags.map((name) => tagIds.get(name)!),
    });
    let documentId = found?.documentId;
    if (!documentId) {
      covers += 1;
      const created = await strapi.documents('api::article.article').create({
        status: 'published',
        data: {
          title: article.title,
          body: paragraphs(article.paragraphs),
          ...(await shared()),
        } as never,
      });
      documentId = created.documentId;
    }

    for (const [locale, translation] of Object.entries(article.translations ?? {})) {
      await ensureLocale(strapi, locale);
      const existing = await strapi
        .documents('api::article.article')
        .findOne({ documentId, locale, fields: ['documentId'] });
      if (existing) continue;
      // an update in a locale the document does not have yet creates that localization
      await strapi.documents('api::article.article').update({
        documentId,
        locale,
        status: 'published',
        data: {
          title: translation.title,
          body: paragraphs(translation.paragraphs),
          ...(await shared()),
        } as never,
      });
    }
  }

  return {
    articles: await strapi.documents('api::article.article').count({ status: 'published' }),
    tags: tagIds.size,
    credits: creditIds.size,
    covers,
  };
}
