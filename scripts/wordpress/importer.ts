/**
 * `importWordPress`: a WXR export into the app, in two streaming passes. The first reads what posts
 * refer to (attachments, terms, translation groups; see export-index.ts); the second converts and writes
 * each post as it is read: its images fetched and uploaded through the upload service (so the
 * thumbnails plugin makes variants and reads rights), a credit for each image from its WordPress and
 * file metadata, tags, the article in its locale, its view counts, its comments, its redirects. A ledger
 * (ledger.ts) makes a second run update instead of duplicating and lets `--resume` go on after a crash.
 * Failures of one image or one post are reported with their reason and do not stop the run.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { holderFromNotice, yearFromNotice } from '../../src/credits/suggest';
import { cleanName, nameKey } from '../../src/utils/names';
import { errorMessage } from '../../src/utils/error-message';
import { commentImporter } from './comments';
import { convertContent } from './content';
import { bodyFileLookup, type UploadedFile } from './body-files';
import {
  addToIndex,
  completeTranslations,
  emptyIndex,
  type AttachmentInfo,
  type ExportIndex,
} from './export-index';
import {
  dryRunLedger,
  siteKey,
  storeLedger,
  type FileEntry,
  type Ledger,
  type PostEntry,
  type RunEntry,
} from './ledger';
import {
  categoryTagName,
  planPost,
  SKIPPED_STATUSES,
  type CategoryNames,
  sourceHash,
  type PostPlan,
} from './mapping';
import {
  attachmentsByKey,
  contentHash,
  fetchAttachment,
  mimeOf,
  parseMediaSource,
  type MediaSource,
} from './media';
import {
  fillPattern,
  postRedirects,
  redirectsCsv,
  redirectsNginxMap,
  termRedirect,
  type Redirect,
} from './redirects';
import type { ImportReport, MediaReport, PostReport } from './report';
import { finishBlocks, type Loss } from './strapi-blocks';
import { readViewsCsv, type ViewCounts } from './views';
import { readWxr, metaValue, type WxrItem } from './wxr';

const ARTICLE = 'api::article.article';
const TAG = 'api::tag.tag';
const FILE = 'plugin::upload.file';
/** Part of every post's fingerprint: a new version of the mapping re-imports what it changes. */
const MAPPING_VERSION = '1';

export interface ImportOptions {
  file: string;
  /** `--media-from`: a base URL standing in for the site, or a folder holding wp-content/uploads */
  mediaFrom?: string;
  dryRun?: boolean;
  resume?: boolean;
  /** where the report, redirect files and comments file go (default: `wordpress-import/` in the cwd) */
  outDir?: string;
  /** `--report`: the JSON report's path (default: `<outDir>/report.json`) */
  reportFile?: string;
  /** `--views-csv`: Post Views Counter / WordPress Popular Posts rows as CSV (README: the query) */
  viewsCsv?: string;
  /** the frontend's article and tag URLs, for redirects */
  articleUrl?: string;
  tagUrl?: string;
  mediaTimeoutMs?: number;
  mediaMaxBytes?: number;
  /** parallel image downloads per post */
  concurrency?: number;
  /** tags of sub-categories: named with their parents ("Travel / Sea", default) or alone ("Sea") */
  categories?: CategoryNames;
  /** where approved comments go: the reader-comments plugin when installed (default), or always a JSON file */
  comments?: 'plugin' | 'file';
  /** called after each post */
  onProgress?: (done: number, total: number) => void;
}

/** Runs `tasks` with at most `limit` at once. */
async function inParallel<T>(
  items: T[],
  limit: number,
  task: (item: T) => Promise<void>
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** A Strapi locale code from a WordPress language slug ("pt-br" → "pt-BR", "de_DE" → "de-DE"). */
export function localeCode(language: string): string {
  const [lang, region] = language.replace('_', '-').split('-');
  return region ? `${lang.toLowerCase()}-${region.toUpperCase()}` : lang.toLowerCase();
}

/** "Photo: Jane Doe", "© Jane Doe", "Credit: Jane Doe" at the end of a caption → "Jane Doe". */
export function creatorFromCaption(caption: string): string | undefined {
  const match =
    /(?:photo(?:graph)?(?: by)?|credit|image|picture|foto)\s*[:©]\s*([^.,;|()]{2,80})\s*\.?$|©\s*(?:\d{4}\s+)?([^.,;|()]{2,80})\s*\.?$/i.exec(
      caption.trim()
    );
  return (match?.[1] ?? match?.[2])?.trim() || undefined;
}

/** Imports `options.file` into `strapi` (see the file comment) and returns the report (also written to disk unless dry). */
export async function importWordPress(
  strapi: Core.Strapi,
  options: ImportOptions
): Promise<ImportReport> {
  const startedAt = new Date().toISOString();
  const stats = { invalidCharacters: 0 };
  const dryRun = options.dryRun === true;
  const outDir = path.resolve(options.outDir ?? 'wordpress-import');
  const articleUrl = options.articleUrl ?? '/articles/{slug}';
  const tagUrl = options.tagUrl ?? '/tags/{slug}';
  const source: MediaSource = parseMediaSource(options.mediaFrom);
  const fetchOptions = {
    timeoutMs: options.mediaTimeoutMs ?? 30_000,
    maxBytes: options.mediaMaxBytes ?? 100 * 1024 * 1024,
  };

  // pass 1: what posts refer to
  const index: ExportIndex = emptyIndex();
  for await (const record of readWxr(options.file)) addToIndex(index, record);
  completeTranslations(index);
  const site = siteKey(index.site.baseBlogUrl || index.site.baseSiteUrl || index.site.link);
  const stored = storeLedger(strapi, site);
  const ledger: Ledger = dryRun ? dryRunLedger(stored) : stored;
  const keyIndex = attachmentsByKey(index.attachments.values());

  const previousRun = await ledger.get<RunEntry>('run', 'last');
  const resumed = options.resume === true && previousRun !== undefined && !previousRun.finishedAt;
  if (options.resume && !resumed)
    strapi.log.info(
      '[wordpress-import] no unfinished run to resume: importing as a new run (the ledger still skips what is done)'
    );
  await ledger.set<RunEntry>('run', 'last', { startedAt, file: path.basename(options.file) });

  const views: ViewCounts | undefined = options.viewsCsv
    ? await readViewsCsv(options.viewsCsv)
    : undefined;

  const report: ImportReport = {
    file: path.basename(options.file),
    site,
    dryRun,
    resumed,
    startedAt,
    posts: [],
    media: [],
    tags: { created: 0, existing: 0 },
    views: { totals: 0, days: 0, unmatched: 0 },
    comments: { imported: 0, skipped: 0, pingbacks: 0, target: 'none' },
    redirects: { count: 0 },
    invalidCharacters: 0,
  };
  const redirects: Redirect[] = [];
  const commentsOf = commentImporter({
    strapi,
    ledger,
    dryRun,
    report,
    target: options.comments === 'file' ? 'file' : 'plugin',
  });
  const comments = commentsOf.collected;
  const defaultLocale = (await strapi
    .plugin('i18n')
    .service('locales')
    .getDefaultLocale()) as string;
  const knownLocales = new Set<string>();
  const hasFirstPublishedAt = Boolean(
    (strapi.contentType(ARTICLE).attributes as Record<string, unknown>).firstPublishedAt
  );

  // ---- tags
  /** a new tag's description: its WordPress category's or tag's, by the tag name it becomes */
  const termDescriptions = new Map<string, string>();
  for (const term of index.terms.values()) {
    if (!term.description.trim()) continue;
    if (term.taxonomy === 'category')
      termDescriptions.set(
        categoryTagName(index, term.slug, term.name, options.categories),
        term.description.trim()
      );
    else if (term.taxonomy === 'post_tag') termDescriptions.set(term.name, term.description.trim());
  }
  const tagIds = new Map<string, { documentId: string; slug: string }>();
  async function ensureTag(
    name: string,
    description?: string
  ): Promise<{ documentId: string; slug: string } | undefined> {
    const key = nameKey(cleanName(name));
    if (!key) return undefined;
    const cached = tagIds.get(key);
    if (cached) return cached;
    const found = (await strapi.db
      .query(TAG)
      .findOne({ where: { nameKey: key }, select: ['documentId', 'slug'] })) as {
      documentId: string;
      slug: string;
    } | null;
    let tag = found ?? undefined;
    if (found) report.tags.existing += 1;
    else if (dryRun) {
      tag = { documentId: `(new tag ${name})`, slug: name };
      report.tags.created += 1;
    } else {
      const created = (await strapi.documents(TAG).create({
        data: {
          name,
          ...(description ? { description: description.slice(0, 1000) } : {}),
        } as never,
      })) as unknown as { documentId: string; slug: string };
      tag = { documentId: created.documentId, slug: created.slug };
      report.tags.created += 1;
    }
    if (tag) tagIds.set(key, tag);
    return tag;
  }

  // ---- images
  const inFlight = new Map<number, Promise<UploadedFile | undefined>>();
  const loadFile = async (id: number) =>
    (await strapi.db
      .query(FILE)
      .findOne({ where: { id }, populate: { imageCredit: true } })) as UploadedFile | null;

  async function creditFile(file: UploadedFile, attachment: AttachmentInfo): Promise<string> {
    if (file.imageCredit) return `kept ${file.imageCredit.documentId}`;
    const creator = attachment.credit || creatorFromCaption(attachment.caption);
    const edited: Record<string, unknown> = {};
    if (creator) edited.creator = creator.slice(0, 200);
    const holder = holderFromNotice(attachment.copyright);
    if (holder) edited.copyrightHolder = holder.slice(0, 200);
    const year = yearFromNotice(attachment.copyright);
    if (year) edited.year = year;
    if (!creator && !file.provenance)
      return 'none: neither the export nor the file names a creator';
    try {
      const credit = (await strapi
        .service('api::image-credit.image-credit')
        .createFromFile(file.id, edited)) as { documentId: string; creditLine?: string };
      return `created ${credit.documentId}${credit.creditLine ? ` "${credit.creditLine}"` : ''}`;
    } catch (error) {
      return `none: ${errorMessage(error)}`;
    }
  }

  async function uploadAttachment(attachment: AttachmentInfo): Promise<UploadedFile | undefined> {
    const entry = await ledger.get<FileEntry>('attachment', attachment.id);
    if (entry) {
      const file = await loadFile(entry.fileId);
      if (file) return file;
    }
    if (dryRun) {
      report.media.push({
        wpId: attachment.id,
        action: 'uploaded',
        from: attachment.originalUrl ?? attachment.url,
        reason: 'dry run: not fetched',
      });
      return undefined;
    }
    const media: MediaReport = { wpId: attachment.id, action: 'failed' };
    report.media.push(media);
    let fetched;
    try {
      fetched = await fetchAttachment(attachment, source, fetchOptions);
    } catch (error) {
      media.reason = `could not fetch: ${errorMessage(error)}`;
      return undefined;
    }
    media.from = fetched.from;
    if (fetched.failures.length > 0)
      media.reason = `fell back after: ${fetched.failures.join('; ')}`;
    const hash = contentHash(fetched.bytes);
    const same = await ledger.get<FileEntry>('file', hash);
    const existing = same ? await loadFile(same.fileId) : null;
    if (existing) {
      media.action = 'reused';
      media.fileId = existing.id;
      await ledger.set<FileEntry>('attachment', attachment.id, { fileId: existing.id, hash });
      return existing;
    }
    const name =
      decodeURIComponent(path.basename(new URL(fetched.from, 'file:///').pathname)) ||
      `attachment-${attachment.id}`;
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'wp-import-'));
    try {
      const filepath = path.join(dir, name);
      await fs.writeFile(filepath, fetched.bytes);
      const [uploaded] = (await strapi
        .plugin('upload')
        .service('upload')
        .upload({
          data: {
            fileInfo: {
              name,
              alternativeText: attachment.alt || null,
              caption: attachment.caption || null,
            },
          },
          files: {
            filepath,
            originalFilename: name,
            mimetype: mimeOf(name, fetched.contentType),
            size: fetched.bytes.length,
          },
        })) as UploadedFile[];
      const file = (await loadFile(uploaded.id)) ?? uploaded;
      media.action = 'uploaded';
      media.fileId = file.id;
      media.credit = await creditFile(file, attachment);
      await ledger.set<FileEntry>('file', hash, { fileId: file.id, hash });
      await ledger.set<FileEntry>('attachment', attachment.id, { fileId: file.id, hash });
      return (await loadFile(file.id)) ?? file;
    } catch (error) {
      media.reason = `upload refused: ${errorMessage(error)}`;
      return undefined;
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  }

  function ensureAttachment(id: number): Promise<UploadedFile | undefined> {
    const attachment = index.attachments.get(id);
    if (!attachment) return Promise.resolve(undefined);
    let pending = inFlight.get(id);
    if (!pending) {
      pending = uploadAttachment(attachment);
      inFlight.set(id, pending);
      // a failure is in the report; a later post may try again next run, not in this one
    }
    return pending;
  }

  const bodyFiles = bodyFileLookup(keyIndex, (id) => index.attachments.has(id));

  async function ensureLocale(code: string): Promise<void> {
    if (knownLocales.has(code) || code === defaultLocale) return;
    const locales = strapi.plugin('i18n').service('locales');
    if (!(await locales.findByCode(code)) && !dryRun) await locales.create({ code, name: code });
    knownLocales.add(code);
  }

  // ---- one post
  async function importPost(item: WxrItem): Promise<void> {
    const postReport: PostReport = {
      wpId: item.id,
      type: item.type,
      title: item.title,
      action: 'failed',
    };
    report.posts.push(postReport);
    const skipped = SKIPPED_STATUSES[item.status];
    if (skipped) {
      postReport.action = 'skipped';
      postReport.reason = skipped;
      return;
    }
    const plan: PostPlan = planPost(item, index, options.categories);
    postReport.title = plan.title;
    postReport.status = plan.status;
    if (plan.sticky) postReport.sticky = true;
    const translation = index.translations.get(item.id);
    const locale = translation ? localeCode(translation.language) : defaultLocale;
    postReport.locale = locale;
    const hash = sourceHash(item, `${MAPPING_VERSION}:${options.categories ?? 'path'}`);
    const entry = await ledger.get<PostEntry>('post', item.id);

    const finish = (documentId: string, slug: string | undefined) => {
      postReport.documentId = documentId;
      postReport.slug = slug;
      const target = fillPattern(articleUrl, { slug: slug ?? '', locale });
      const oldSlugs = (item.meta.get('_wp_old_slug') ?? []).map(String);
      const pages = (item.content.match(/<!--nextpage-->/g)?.length ?? 0) + 1;
      // only what was public on WordPress and is public now has an address worth keeping
      if (slug && plan.status === 'published')
        redirects.push(...postRedirects(plan.link, item.id, oldSlugs, item.name, pages, target));
    };

    if (entry && entry.hash === hash) {
      postReport.action = 'unchanged';
      finish(entry.documentId, entry.slug);
      // comments a crash left out are written now (each once, by the ledger)
      postReport.notes = [];
      await commentsOf.importOf(item, entry.documentId, entry.locale, postReport.notes);
      return;
    }

    const losses: Loss[] = [];
    const converted = convertContent(item.content, {
      postId: item.id,
      attachments: {
        byId: (id) => {
          const a = index.attachments.get(id);
          return a ? { url: a.url, caption: a.caption, alt: a.alt } : undefined;
        },
        ofPost: (postId) => index.attachmentsByParent.get(postId) ?? [],
      },
      footnotes: metaValue(item, 'footnotes'),
    });
    losses.push(...converted.losses);

    // images: the body's and the cover, fetched and uploaded a few at a time
    const thumbnailId = Number(metaValue(item, '_thumbnail_id'));
    const wanted = bodyFiles.attachmentsOfBody(converted.body);
    if (Number.isSafeInteger(thumbnailId) && thumbnailId > 0) {
      if (index.attachments.has(thumbnailId)) wanted.push(thumbnailId);
      else
        plan.notes.push(
          `featured image ${thumbnailId} is not in the export (a partial export leaves attachments out)`
        );
    }
    const files = new Map<number, UploadedFile>();
    await inParallel([...new Set(wanted)], options.concurrency ?? 4, async (id) => {
      const file = await ensureAttachment(id);
      if (file) files.set(id, file);
    });
    const body = finishBlocks(
      bodyFiles.rewriteBody(converted.body, files, losses),
      item.link || index.site.link
    );
    const cover = files.get(thumbnailId);

    const tags = [];
    for (const name of plan.tags) {
      const tag = await ensureTag(name, termDescriptions.get(name));
      if (tag) tags.push(tag.documentId);
    }
    const excerpt = plan.excerpt ?? converted.moreExcerpt;
    const data: Record<string, unknown> = {
      title: plan.title,
      body,
      ...(excerpt ? { excerpt } : {}),
      ...(plan.author ? { author: plan.author.slice(0, 120) } : {}),
      ...(cover
        ? {
            cover: cover.id,
            ...(cover.imageCredit ? { coverCredit: cover.imageCredit.documentId } : {}),
          }
        : {}),
      tags,
    };
    if (plan.slug) data.slug = plan.slug;
    postReport.notes = plan.notes;
    postReport.losses = losses;

    const groupKey =
      translation && !translation.group.startsWith('post:')
        ? `group:${translation.group}`
        : undefined;
    const groupDocument = groupKey ? await ledger.get<string>('post', groupKey) : undefined;
    const status = plan.status === 'published' ? ('published' as const) : undefined;
    if (dryRun) {
      postReport.action = entry ? 'updated' : 'created';
      finish(entry?.documentId ?? groupDocument ?? '(new)', plan.slug);
      return;
    }
    await ensureLocale(locale);

    const write = async (fields: Record<string, unknown>) => {
      const documents = strapi.documents(ARTICLE);
      const documentId = entry?.documentId ?? groupDocument;
      if (documentId) {
        // an update in a locale the document does not have yet creates that localization
        const updated = await documents.update({
          documentId,
          locale,
          status,
          data: fields as never,
        });
        if (!updated) throw new Error(`document ${documentId} no longer exists`);
        return updated as unknown as { documentId: string; slug: string };
      }
      return (await documents.create({ locale, status, data: fields as never })) as unknown as {
        documentId: string;
        slug: string;
      };
    };
    let written: { documentId: string; slug: string };
    try {
      written = await write(data);
    } catch (error) {
      const message = errorMessage(error);
      // the slug is taken by another article (or a deleted import's leftovers): the rules make one from the title
      if (!data.slug || !/slug/i.test(message)) throw error;
      plan.notes.push(
        `slug "${String(data.slug)}" was taken: ${message}; a new one was made from the title`
      );
      delete data.slug;
      written = await write(data);
    }
    if (plan.status === 'published' && plan.publishedAt) {
      const where = { documentId: written.documentId, locale };
      await strapi.db.query(ARTICLE).updateMany({
        where: { ...where, publishedAt: { $notNull: true } },
        data: { publishedAt: plan.publishedAt },
      });
      if (hasFirstPublishedAt)
        await strapi.db
          .query(ARTICLE)
          .updateMany({ where, data: { firstPublishedAt: plan.publishedAt } });
    }
    postReport.action = entry ? 'updated' : 'created';
    await ledger.set<PostEntry>('post', item.id, {
      documentId: written.documentId,
      locale,
      hash,
      slug: written.slug,
    });
    if (groupKey && !groupDocument) await ledger.set<string>('post', groupKey, written.documentId);
    finish(written.documentId, written.slug);

    // view totals from WP-PostViews (`views` meta) unless the CSV has the post
    const metaViews = Number(metaValue(item, 'views'));
    const fromCsv = views?.byPost.get(item.id);
    const total =
      fromCsv?.total ??
      (Number.isFinite(metaViews) && metaViews > 0 ? Math.floor(metaViews) : undefined);
    const engagement = strapi.plugin('engagement');
    if (engagement && (total !== undefined || fromCsv?.days.size)) {
      if (total !== undefined) {
        await engagement.service('stats').set(ARTICLE, written.documentId, { views: total });
        report.views.totals += 1;
      }
      if (fromCsv && fromCsv.days.size > 0) {
        await engagement
          .service('stats')
          .setDays(ARTICLE, written.documentId, { views: fromCsv.days });
        report.views.days += fromCsv.days.size;
      }
    }
    await commentsOf.importOf(item, written.documentId, locale, plan.notes);
  }

  // pass 2: the posts, as they are read
  const total = index.itemCounts.post ?? 0;
  let done = 0;
  for await (const record of readWxr(options.file, stats)) {
    if (record.kind !== 'item') continue;
    const item = record.item;
    if (item.type !== 'post') {
      if (item.type === 'page')
        report.posts.push({
          wpId: item.id,
          type: 'page',
          title: item.title,
          action: 'skipped',
          reason: 'pages are not imported as articles',
        });
      continue;
    }
    try {
      await importPost(item);
    } catch (error) {
      const failed = report.posts[report.posts.length - 1];
      if (failed?.wpId === item.id) {
        failed.action = 'failed';
        failed.reason = errorMessage(error);
      }
      strapi.log.warn(`[wordpress-import] post ${item.id} failed: ${errorMessage(error)}`);
    }
    done += 1;
    options.onProgress?.(done, total);
  }
  report.invalidCharacters = stats.invalidCharacters;

  // tag and category archives
  for (const term of index.terms.values()) {
    if (term.taxonomy !== 'category' && term.taxonomy !== 'post_tag') continue;
    const name =
      term.taxonomy === 'category'
        ? categoryTagName(index, term.slug, term.name, options.categories)
        : term.name;
    const tag = tagIds.get(nameKey(cleanName(name)));
    if (!tag) continue;
    const slugPath = term.taxonomy === 'category' ? categorySlugPath(index, term.slug) : term.slug;
    redirects.push(
      termRedirect(
        term.taxonomy === 'category' ? 'category' : 'tag',
        slugPath,
        fillPattern(tagUrl, { slug: tag.slug })
      )
    );
  }
  report.redirects.count = new Set(redirects.map((r) => r.from)).size;
  if (comments.length > 0) report.comments.target = path.join(outDir, 'comments.json');
  if (views)
    report.views.unmatched = [...views.byPost.keys()].filter(
      (id) => !report.posts.some((p) => p.wpId === id && p.documentId)
    ).length;

  report.finishedAt = new Date().toISOString();
  if (!dryRun) {
    await fs.mkdir(outDir, { recursive: true });
    report.redirects.csv = path.join(outDir, 'redirects.csv');
    report.redirects.nginx = path.join(outDir, 'redirects.nginx.map');
    await fs.writeFile(report.redirects.csv, redirectsCsv(redirects));
    await fs.writeFile(report.redirects.nginx, redirectsNginxMap(redirects));
    if (comments.length > 0)
      await fs.writeFile(
        path.join(outDir, 'comments.json'),
        `${JSON.stringify(comments, null, 2)}\n`
      );
    await ledger.set<RunEntry>('run', 'last', {
      startedAt,
      finishedAt: report.finishedAt,
      file: report.file,
    });
  }
  if (options.reportFile || !dryRun) {
    const reportFile = path.resolve(options.reportFile ?? path.join(outDir, 'report.json'));
    await fs.mkdir(path.dirname(reportFile), { recursive: true });
    await fs.writeFile(reportFile, `${JSON.stringify(report, null, 2)}\n`);
  }
  return report;
}

/** `travel/sea` for the category `sea` under `travel` (WordPress's category archive path). */
function categorySlugPath(index: ExportIndex, slug: string): string {
  const slugs: string[] = [];
  const seen = new Set<string>();
  let current = index.terms.get(`category:${slug}`);
  while (current && !seen.has(current.slug)) {
    seen.add(current.slug);
    slugs.unshift(current.slug);
    current = current.parent ? index.terms.get(`category:${current.parent}`) : undefined;
  }
  return slugs.join('/') || slug;
}
