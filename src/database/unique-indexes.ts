import type { Core } from '@strapi/strapi';
import { nameKey } from '../utils/names';

/**
 * Uniqueness the database enforces, so it holds across app instances (the in-process lock in
 * ../document-rules/index.ts only orders writes inside one process):
 *
 * - `tags_name_key_unique` on tags.name_key: one tag per name as people read it (see utils/names);
 * - `tags_slug_unique` on tags.slug;
 * - `articles_slug_unique` on articles (slug, locale, whether the row is the draft): a document's draft row
 *   and published row share their slug, two documents never do. PostgreSQL and SQLite index the
 *   expressions; MySQL/MariaDB (no expression indexes in MariaDB) index a virtual column `slug_scope`.
 *
 * Created on every boot after Strapi's schema sync, idempotently; Strapi leaves indexes and columns it did
 * not create alone. Rows written before these rules existed are migrated first (name keys filled in).
 * When existing rows already break a rule (two documents with one slug), the index is not created and a
 * warning names them: `npm run content:check -- --fix` repairs them and creates the index.
 */

export const TAG_UID = 'api::tag.tag';
export const ARTICLE_UID = 'api::article.article';

/** The index names, and the field a violation of each is reported on. */
export const UNIQUE_INDEXES = {
  tags_name_key_unique: 'name',
  tags_slug_unique: 'slug',
  articles_slug_unique: 'slug',
} as const;

type IndexName = keyof typeof UNIQUE_INDEXES;

interface Meta {
  tableName: string;
  attributes: Record<string, { columnName?: string }>;
}

const meta = (strapi: Core.Strapi, uid: string) => strapi.db.metadata.get(uid) as unknown as Meta;
const column = (m: Meta, attribute: string) =>
  m.attributes[attribute]?.columnName ?? attribute.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const client = (strapi: Core.Strapi) => strapi.db.dialect.client as 'sqlite' | 'postgres' | 'mysql';

/** A table name as raw SQL needs it: quoted, and schema-qualified on PostgreSQL. */
function qualified(strapi: Core.Strapi, table: string): string {
  if (client(strapi) === 'mysql') return `\`${table}\``;
  const schema = strapi.db.getSchemaName();
  return schema ? `"${schema}"."${table}"` : `"${table}"`;
}

const q = (strapi: Core.Strapi, name: string) =>
  client(strapi) === 'mysql' ? `\`${name}\`` : `"${name}"`;

async function indexExists(strapi: Core.Strapi, name: IndexName): Promise<boolean> {
  const knex = strapi.db.connection;
  switch (client(strapi)) {
    case 'postgres': {
      const rows = await knex.raw(
        'SELECT 1 FROM pg_indexes WHERE schemaname = ? AND indexname = ?',
        [strapi.db.getSchemaName() ?? 'public', name]
      );
      return rows.rows.length > 0;
    }
    case 'mysql': {
      const [rows] = await knex.raw(
        'SELECT 1 FROM information_schema.statistics WHERE table_schema = DATABASE() AND index_name = ?',
        [name]
      );
      return rows.length > 0;
    }
    default: {
      const rows = await knex.raw("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?", [
        name,
      ]);
      return rows.length > 0;
    }
  }
}

async function columnExists(strapi: Core.Strapi, table: string, name: string): Promise<boolean> {
  return strapi.db.connection.schema.hasColumn(table, name);
}

/** The DDL creating one index, for this database. */
async function createIndex(strapi: Core.Strapi, name: IndexName): Promise<void> {
  const knex = strapi.db.connection;
  const kind = client(strapi);
  if (name === 'articles_slug_unique') {
    const m = meta(strapi, ARTICLE_UID);
    const slug = q(strapi, column(m, 'slug'));
    const published = q(strapi, column(m, 'publishedAt'));
    const locale = m.attributes.locale ? `COALESCE(${q(strapi, column(m, 'locale'))}, '')` : `''`;
    if (kind === 'mysql') {
      if (!(await columnExists(strapi, m.tableName, 'slug_scope'))) {
        await knex.raw(
          `ALTER TABLE ${qualified(strapi, m.tableName)} ADD COLUMN slug_scope VARCHAR(64) AS (CONCAT(IF(${published} IS NULL, 'draft:', 'published:'), ${locale})) VIRTUAL`
        );
      }
      await knex.raw(
        `CREATE UNIQUE INDEX ${name} ON ${qualified(strapi, m.tableName)} (${slug}, slug_scope)`
      );
    } else {
      await knex.raw(
        `CREATE UNIQUE INDEX ${q(strapi, name)} ON ${qualified(strapi, m.tableName)} (${slug}, (${locale}), (${published} IS NULL))`
      );
    }
    return;
  }
  const m = meta(strapi, TAG_UID);
  const col = q(strapi, column(m, name === 'tags_name_key_unique' ? 'nameKey' : 'slug'));
  await knex.raw(
    `CREATE UNIQUE INDEX ${q(strapi, name)} ON ${qualified(strapi, m.tableName)} (${col})`
  );
}

/**
 * MySQL/MariaDB compare strings with the column's collation, and the usual ones (`utf8mb4_unicode_ci`)
 * ignore accents: "ete" and "été" would collide in the name key's unique index and lookups, where
 * PostgreSQL and SQLite keep them apart. The key is already folded, so it is compared byte for byte.
 */
async function ensureExactNameKeyComparison(strapi: Core.Strapi): Promise<void> {
  if (client(strapi) !== 'mysql') return;
  const m = meta(strapi, TAG_UID);
  const col = column(m, 'nameKey');
  const [rows] = await strapi.db.connection.raw(
    'SELECT collation_name AS collation FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = ? AND column_name = ?',
    [m.tableName, col]
  );
  if (rows[0]?.collation === 'utf8mb4_bin') return;
  await strapi.db.connection.raw(
    `ALTER TABLE ${qualified(strapi, m.tableName)} MODIFY ${q(strapi, col)} VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL`
  );
}

/** A row as the duplicate finders read it. */
export interface KeyedRow {
  id: number;
  documentId: string;
  key: string;
}

/**
 * Groups of rows of different documents that share a key (the draft and published rows of one document
 * may share theirs). The first row of each group is the oldest (lowest id).
 */
export function findDuplicates<T extends KeyedRow>(rows: T[]): T[][] {
  const byKey = new Map<string, T[]>();
  for (const row of [...rows].sort((a, b) => a.id - b.id)) {
    const group = byKey.get(row.key) ?? [];
    group.push(row);
    byKey.set(row.key, group);
  }
  return [...byKey.values()].filter(
    (group) => new Set(group.map((row) => row.documentId)).size > 1
  );
}

/** Article rows keyed by what `articles_slug_unique` makes unique. */
export async function articleSlugRows(
  strapi: Core.Strapi
): Promise<Array<KeyedRow & { slug: string; locale?: string | null }>> {
  const rows = (await strapi.db.query(ARTICLE_UID).findMany({
    select: ['id', 'documentId', 'slug', 'publishedAt', 'locale'],
    where: { slug: { $notNull: true } },
  })) as Array<{
    id: number;
    documentId: string;
    slug: string;
    publishedAt: string | null;
    locale?: string | null;
  }>;
  return rows.map((row) => ({
    ...row,
    key: `${row.slug}|${row.locale ?? ''}|${row.publishedAt ? 'published' : 'draft'}`,
  }));
}

/** Tag rows keyed by slug. */
export async function tagSlugRows(
  strapi: Core.Strapi
): Promise<Array<KeyedRow & { slug: string }>> {
  const rows = (await strapi.db.query(TAG_UID).findMany({
    select: ['id', 'documentId', 'slug'],
    where: { slug: { $notNull: true } },
  })) as Array<{
    id: number;
    documentId: string;
    slug: string;
  }>;
  return rows.map((row) => ({ ...row, key: row.slug }));
}

/** Tag rows keyed by the comparison key of their name (computed here, whatever is stored). */
export async function tagNameRows(
  strapi: Core.Strapi
): Promise<Array<KeyedRow & { name: string; nameKey: string | null }>> {
  const rows = (await strapi.db
    .query(TAG_UID)
    .findMany({ select: ['id', 'documentId', 'name', 'nameKey'] })) as Array<{
    id: number;
    documentId: string;
    name: string | null;
    nameKey: string | null;
  }>;
  return rows.map((row) => ({ ...row, name: row.name ?? '', key: nameKey(row.name ?? '') }));
}

/**
 * Fills in tags.name_key where it is missing or stale (rows written before the rule, or by an import).
 * Tags whose name another tag already has keep an empty key (and are reported): merging tags is an
 * editor's decision. Returns the groups of tags that share a name.
 */
export async function migrateTagNameKeys(strapi: Core.Strapi): Promise<KeyedRow[][]> {
  const rows = await tagNameRows(strapi);
  const duplicates = findDuplicates(rows);
  const losers = new Set(duplicates.flatMap((group) => group.slice(1).map((row) => row.id)));
  for (const row of rows) {
    const wanted = losers.has(row.id) ? null : row.key;
    if (row.nameKey !== wanted)
      await strapi.db.query(TAG_UID).update({ where: { id: row.id }, data: { nameKey: wanted } });
  }
  return duplicates;
}

/** What {@link ensureUniqueIndexes} found: index name → the duplicate groups that kept it from being created. */
export type IndexReport = Partial<Record<IndexName, KeyedRow[][]>>;

/**
 * Migrates tag name keys, then creates each unique index that does not exist yet, unless existing rows
 * break it (then it reports them and leaves the index for `content:check --fix`). Safe to run on every
 * boot and from two instances at once (a lost creation race is recognised and ignored).
 */
export async function ensureUniqueIndexes(strapi: Core.Strapi): Promise<IndexReport> {
  const report: IndexReport = {};
  await ensureExactNameKeyComparison(strapi);
  const nameDuplicates = await migrateTagNameKeys(strapi);
  if (nameDuplicates.length > 0) report.tags_name_key_unique = nameDuplicates;
  const pending: Array<[IndexName, () => Promise<KeyedRow[][]>]> = [
    ['tags_name_key_unique', async () => []],
    ['tags_slug_unique', async () => findDuplicates(await tagSlugRows(strapi))],
    ['articles_slug_unique', async () => findDuplicates(await articleSlugRows(strapi))],
  ];
  for (const [name, duplicatesOf] of pending) {
    if (await indexExists(strapi, name)) continue;
    const duplicates = await duplicatesOf();
    if (duplicates.length > 0) {
      report[name] = duplicates;
      continue;
    }
    try {
      await createIndex(strapi, name);
    } catch (error) {
      // another instance booting at the same moment may have created it first
      if (!(await indexExists(strapi, name))) throw error;
    }
  }
  return report;
}

/** Logs what {@link ensureUniqueIndexes} could not do, naming the documents. */
export function warnAboutDuplicates(strapi: Core.Strapi, report: IndexReport): void {
  for (const [name, groups] of Object.entries(report)) {
    const list = (groups ?? [])
      .map((group) => group.map((row) => row.documentId).join(' = '))
      .join('; ');
    strapi.log.warn(
      `[publishing] ${name}: documents share a ${UNIQUE_INDEXES[name as IndexName]} (${list}); ` +
        'run `npm run content:check -- --fix` to repair them (tags sharing a name must be renamed or merged by an editor).'
    );
  }
}

/**
 * The field a unique-index violation is about (`name` or `slug`), or undefined when the error is not
 * one of ours. Reads the PostgreSQL constraint name, or the index/column named in the MySQL/SQLite message,
 * or Strapi's own "must be unique" ValidationError for a `uid` field.
 */
export function uniqueViolationField(error: unknown): 'name' | 'slug' | undefined {
  if (!error || typeof error !== 'object') return undefined;
  // Strapi's own check of `uid` fields (a query before the insert) can see the other instance's row first
  const details = (error as { details?: { errors?: Array<{ path?: string[]; message?: string }> } })
    .details;
  const strapiUnique = details?.errors?.find(
    (e) => e.message === 'This attribute must be unique' && e.path?.length === 1
  );
  if (strapiUnique && (strapiUnique.path![0] === 'slug' || strapiUnique.path![0] === 'name'))
    return strapiUnique.path![0] as 'name' | 'slug';
  const { code, errno, constraint, message } = error as {
    code?: string;
    errno?: number;
    constraint?: string;
    message?: string;
  };
  const isUnique =
    code === '23505' ||
    code === 'ER_DUP_ENTRY' ||
    errno === 1062 ||
    code === 'SQLITE_CONSTRAINT_UNIQUE';
  if (!isUnique) return undefined;
  const text = `${constraint ?? ''} ${message ?? ''}`;
  for (const [name, field] of Object.entries(UNIQUE_INDEXES)) if (text.includes(name)) return field;
  if (/tags\.name_key/.test(text)) return 'name';
  if (/(tags|articles)\.slug/.test(text)) return 'slug';
  return undefined;
}

/** A deadlock or serialization failure: the database rolled the transaction back and it may be retried. */
export function isRetryableConflict(error: unknown): boolean {
  const { code, errno } = (error ?? {}) as { code?: string; errno?: number };
  return code === '40001' || code === '40P01' || code === 'ER_LOCK_DEADLOCK' || errno === 1213;
}
