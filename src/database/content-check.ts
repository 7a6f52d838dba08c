import type { Core } from '@strapi/strapi';
import { excerptFromBody, readingTimeMinutes } from '../utils/blocks';
import { formatCreditLine, type CreditFields } from '../utils/credit-line';
import { cleanName } from '../utils/names';
import { EXCERPT_MAX } from '../document-rules/article';
import { isHttpUrl } from '../document-rules/image-credit';
import { generateSlug, UID_PATTERN } from '../document-rules/slug-field';
import {
  ARTICLE_UID,
  articleSlugRows,
  ensureUniqueIndexes,
  findDuplicates,
  tagNameRows,
  tagSlugRows,
  TAG_UID,
  type IndexReport,
} from './unique-indexes';

const CREDIT_UID = 'api::image-credit.image-credit';

/** One thing that breaks a content rule, and whether `--fix` repaired it. */
export interface Finding {
  uid: string;
  documentId: string;
  field: string;
  problem: string;
  /** What `--fix` does (or did) about it; undefined when an editor has to decide. */
  repair?: string;
  fixed: boolean;
}

export interface CheckResult {
  findings: Finding[];
  /** Unique indexes that still cannot be created, with the documents in the way. */
  indexes: IndexReport;
}

type Row = Record<string, any> & { id: number; documentId: string };

const isBlank = (value: unknown) =>
  value == null || (typeof value === 'string' && value.trim() === '');

/**
 * Checks the rows already in the database against the content rules, the way they are after a
 * `strapi import` (which writes rows directly, with lifecycles and Document Service middlewares off) or
 * after rows were written before a rule existed. With `fix`, repairs what can be repaired without an
 * editor: computed fields (slug, excerpt, reading time, credit line, tag name keys), cleaned tag names,
 * duplicate slugs (the newer document gets the next free slug) and unsafe source URLs (cleared); then
 * creates the unique indexes. Tags sharing a name, titles and AI tools that are missing are only reported.
 * Writes go straight to the rows (no new drafts, no publish), like the import did.
 */
export async function checkContent(
  strapi: Core.Strapi,
  { fix }: { fix: boolean }
): Promise<CheckResult> {
  const findings: Finding[] = [];
  const report = async (finding: Omit<Finding, 'fixed'>, apply?: () => Promise<unknown>) => {
    const fixed = Boolean(fix && apply && finding.repair);
    if (fixed) await apply!();
    findings.push({ ...finding, fixed });
  };

  await checkArticles(strapi, report);
  await checkTags(strapi, report);
  await checkCredits(strapi, report);

  const indexes = fix ? await ensureUniqueIndexes(strapi) : {};
  return { findings, indexes };
}

type Report = (finding: Omit<Finding, 'fixed'>, apply?: () => Promise<unknown>) => Promise<void>;

const update = (
  strapi: Core.Strapi,
  uid: string,
  where: Record<string, unknown>,
  data: Record<string, unknown>
) => strapi.db.query(uid).updateMany({ where, data });

/** What is wrong with a stored slug, if anything: missing, not URL-safe, or taken by another `owner`. */
function slugProblem(
  slug: string | null | undefined,
  taken: boolean,
  owner: 'document' | 'tag'
): string | undefined {
  if (typeof slug !== 'string' || isBlank(slug)) return 'has no slug';
  if (!UID_PATTERN.test(slug)) return `slug "${slug}" has characters a URL cannot keep`;
  return taken ? `slug "${slug}" is already another ${owner}'s` : undefined;
}

async function checkArticles(strapi: Core.Strapi, report: Report): Promise<void> {
  const rows = (await strapi.db.query(ARTICLE_UID).findMany({ orderBy: { id: 'asc' } })) as Row[];
  for (const row of rows) {
    const at = { uid: ARTICLE_UID, documentId: row.documentId };
    const version = row.publishedAt ? 'published' : 'draft';
    if (isBlank(row.title))
      await report({ ...at, field: 'title', problem: `${version} has no title` });
    const minutes = readingTimeMinutes(row.body);
    if (row.readingTimeMinutes !== minutes) {
      await report(
        {
          ...at,
          field: 'readingTimeMinutes',
          problem: `${version} says ${row.readingTimeMinutes}, body needs ${minutes}`,
          repair: `set ${minutes}`,
        },
        () => update(strapi, ARTICLE_UID, { id: row.id }, { readingTimeMinutes: minutes })
      );
    }
    const excerpt = excerptFromBody(row.body, EXCERPT_MAX);
    if (isBlank(row.excerpt) && excerpt !== '') {
      await report(
        {
          ...at,
          field: 'excerpt',
          problem: `${version} has no excerpt`,
          repair: 'derive it from the body',
        },
        () => update(strapi, ARTICLE_UID, { id: row.id }, { excerpt })
      );
    }
  }

  // a slug that is missing, malformed, or another document's (in the same locale): one new slug for all
  // rows of the document in that locale
  const localeKey = (row: { documentId: string; locale?: string | null }) =>
    `${row.documentId}|${row.locale ?? ''}`;
  const duplicates = findDuplicates(await articleSlugRows(strapi));
  const losers = new Set(
    duplicates.flatMap((group) =>
      group.filter((row) => row.documentId !== group[0].documentId).map(localeKey)
    )
  );
  const done = new Set<string>();
  for (const row of rows) {
    if (done.has(localeKey(row))) continue;
    const problem = slugProblem(row.slug, losers.has(localeKey(row)), 'document');
    if (!problem || isBlank(row.title)) continue;
    done.add(localeKey(row));
    const locale = row.locale ?? undefined;
    await report(
      {
        uid: ARTICLE_UID,
        documentId: row.documentId,
        field: 'slug',
        problem,
        repair: 'generate a free slug from the title',
      },
      async () => {
        const slug = await generateSlug(
          strapi,
          ARTICLE_UID,
          row.title,
          'article',
          row.documentId,
          locale
        );
        await update(
          strapi,
          ARTICLE_UID,
          { documentId: row.documentId, locale: row.locale ?? null },
          { slug }
        );
      }
    );
  }
}

async function checkTags(strapi: Core.Strapi, report: Report): Promise<void> {
  const rows = await tagNameRows(strapi);
  const sameName = findDuplicates(rows);
  const shared = new Set(sameName.flatMap((group) => group.slice(1).map((row) => row.id)));
  for (const group of sameName) {
    for (const row of group.slice(1)) {
      await report({
        uid: TAG_UID,
        documentId: row.documentId,
        field: 'name',
        problem: `"${row.name}" reads the same as tag ${group[0].documentId}; rename or merge it`,
      });
    }
  }
  for (const row of rows) {
    const at = { uid: TAG_UID, documentId: row.documentId };
    if (isBlank(row.name)) {
      await report({ ...at, field: 'name', problem: 'has no name' });
      continue;
    }
    const cleaned = cleanName(row.name);
    if (cleaned !== row.name) {
      await report(
        {
          ...at,
          field: 'name',
          problem: `"${row.name}" has invisible characters or extra spaces`,
          repair: `store "${cleaned}"`,
        },
        () => update(strapi, TAG_UID, { id: row.id }, { name: cleaned })
      );
    }
    const wanted = shared.has(row.id) ? null : row.key;
    if (row.nameKey !== wanted) {
      await report(
        {
          ...at,
          field: 'nameKey',
          problem: 'comparison key missing or stale',
          repair: 'recompute it',
        },
        () => update(strapi, TAG_UID, { id: row.id }, { nameKey: wanted })
      );
    }
  }

  const slugRows = (await strapi.db
    .query(TAG_UID)
    .findMany({ select: ['id', 'documentId', 'name', 'slug'], orderBy: { id: 'asc' } })) as Row[];
  const losers = new Set(
    findDuplicates(await tagSlugRows(strapi)).flatMap((group) =>
      group.slice(1).map((row) => row.id)
    )
  );
  for (const row of slugRows) {
    const problem = slugProblem(row.slug, losers.has(row.id), 'tag');
    if (!problem || isBlank(row.name)) continue;
    await report(
      {
        uid: TAG_UID,
        documentId: row.documentId,
        field: 'slug',
        problem,
        repair: 'generate a free slug from the name',
      },
      async () => {
        const slug = await generateSlug(
          strapi,
          TAG_UID,
          cleanName(row.name),
          'tag',
          row.documentId
        );
        await update(strapi, TAG_UID, { id: row.id }, { slug });
      }
    );
  }
}

async function checkCredits(strapi: Core.Strapi, report: Report): Promise<void> {
  const rows = (await strapi.db.query(CREDIT_UID).findMany({ orderBy: { id: 'asc' } })) as Array<
    Row & CreditFields & { sourceUrl?: string | null; creditLine?: string | null }
  >;
  for (const row of rows) {
    const at = { uid: CREDIT_UID, documentId: row.documentId };
    if (!isBlank(row.sourceUrl) && !isHttpUrl(String(row.sourceUrl).trim())) {
      await report(
        {
          ...at,
          field: 'sourceUrl',
          problem: `"${row.sourceUrl}" is not an http(s) URL`,
          repair: 'clear it',
        },
        () => update(strapi, CREDIT_UID, { id: row.id }, { sourceUrl: null })
      );
    }
    if (row.aiGenerated && isBlank(row.aiTool))
      await report({
        ...at,
        field: 'aiTool',
        problem: 'AI-generated image without the tool that made it',
      });
    if (isBlank(row.creditLine)) {
      const line = formatCreditLine(row);
      await report(
        { ...at, field: 'creditLine', problem: 'has no credit line', repair: `set "${line}"` },
        () => update(strapi, CREDIT_UID, { id: row.id }, { creditLine: line })
      );
    }
  }
}
