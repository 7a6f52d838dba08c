/**
 * The plugin's own tables. Counts never live on the content rows: an editor saving or publishing a
 * document must not overwrite them, and a document's draft, published and locale rows share one count.
 * Rows are keyed by (content type uid, documentId, metric[, day]) with a unique index the batched
 * upsert-increment relies on. Both types are hidden from the Content Manager and Content-Type Builder.
 */

/** Short string columns keep the unique index under MySQL/MariaDB's 3,072-byte key limit (utf8mb4). */
const keyColumn = (length: number) => ({
  type: 'string',
  required: true,
  columnType: { type: 'string', args: [length] },
});

const hidden = {
  'content-manager': { visible: false },
  'content-type-builder': { visible: false },
};

const keyAttributes = {
  targetType: keyColumn(160),
  targetDocumentId: keyColumn(64),
  metric: keyColumn(48),
};

/** 64-bit on every database (PostgreSQL and MySQL/MariaDB integers stop at 2,147,483,647; Strapi's schema sync widens existing columns). */
const count = {
  type: 'biginteger',
  required: true,
  default: 0,
  column: { notNullable: true, defaultTo: 0 },
};

export const total = {
  schema: {
    kind: 'collectionType',
    collectionName: 'engagement_totals',
    info: {
      singularName: 'total',
      pluralName: 'totals',
      displayName: 'Engagement total',
      description: 'All-time count per document and metric.',
    },
    options: { draftAndPublish: false },
    pluginOptions: hidden,
    attributes: { ...keyAttributes, count },
    indexes: [
      {
        name: 'engagement_totals_key',
        type: 'unique',
        columns: ['target_type', 'target_document_id', 'metric'],
      },
    ],
  },
};

export const daily = {
  schema: {
    kind: 'collectionType',
    collectionName: 'engagement_daily',
    info: {
      singularName: 'daily',
      pluralName: 'dailies',
      displayName: 'Engagement per day',
      description: 'Count per document, metric and UTC day (YYYYMMDD).',
    },
    options: { draftAndPublish: false },
    pluginOptions: hidden,
    attributes: { ...keyAttributes, day: { type: 'integer', required: true }, count },
    indexes: [
      {
        name: 'engagement_daily_key',
        type: 'unique',
        columns: ['target_type', 'target_document_id', 'day', 'metric'],
      },
      { name: 'engagement_daily_by_day', columns: ['target_type', 'day'] },
    ],
  },
};

/**
 * The random secret of each UTC day the memory store keys visitors with (Redis keeps its own): kept in
 * the database so a restart does not start a new day's keys, deleted once two days old.
 */
export const secret = {
  schema: {
    kind: 'collectionType',
    collectionName: 'engagement_secrets',
    info: {
      singularName: 'secret',
      pluralName: 'secrets',
      displayName: 'Engagement daily secret',
      description: 'Secret of one UTC day (YYYYMMDD) for visitor keys.',
    },
    options: { draftAndPublish: false },
    pluginOptions: hidden,
    attributes: { day: { type: 'integer', required: true }, value: keyColumn(64) },
    indexes: [{ name: 'engagement_secrets_day', type: 'unique', columns: ['day'] }],
  },
};

/**
 * Visitor keys still inside their dedupe window when a memory-store instance stopped, reloaded (and
 * deleted) by the next start, so a restart does not count a visitor twice. Keys are HMACs, never an IP.
 */
export const seen = {
  schema: {
    kind: 'collectionType',
    collectionName: 'engagement_seen',
    info: {
      singularName: 'seen',
      pluralName: 'seens',
      displayName: 'Engagement visitors in window',
      description: 'Visitor keys inside the dedupe window at the last shutdown.',
    },
    options: { draftAndPublish: false },
    pluginOptions: hidden,
    attributes: { visitorKey: keyColumn(32), expiresAt: { type: 'biginteger', required: true } },
  },
};

export const TOTAL_UID = 'plugin::engagement.total';
export const DAILY_UID = 'plugin::engagement.daily';
export const SECRET_UID = 'plugin::engagement.secret';
export const SEEN_UID = 'plugin::engagement.seen';

export default { total, daily, secret, seen };
