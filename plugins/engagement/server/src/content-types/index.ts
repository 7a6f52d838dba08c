/**
 * The plugin's own tables. Counts never live on the content rows: an editor saving or publishing a
 * document must not overwrite them, and a document's draft, published and locale rows share one count.
 * Rows are keyed by (content type uid, documentId, metric[, day]) with a unique index the batched
 * upsert-increment relies on. Both types are hidden from the Content Manager and Content-Type Builder.
 */

/** Short string columns keep the unique index under MySQL/MariaDB's 3,072-byte key limit (utf8mb4). */
const keyColumn = (length: number) => ({ type: 'string', required: true, columnType: { type: 'string', args: [length] } });

const hidden = { 'content-manager': { visible: false }, 'content-type-builder': { visible: false } };

const keyAttributes = {
  targetType: keyColumn(160),
  targetDocumentId: keyColumn(64),
  metric: keyColumn(48),
};

/** 64-bit on every database (PostgreSQL and MySQL/MariaDB integers stop at 2,147,483,647; Strapi's schema sync widens existing columns). */
const count = { type: 'biginteger', required: true, default: 0, column: { notNullable: true, defaultTo: 0 } };

export const total = {
  schema: {
    kind: 'collectionType',
    collectionName: 'engagement_totals',
    info: { singularName: 'total', pluralName: 'totals', displayName: 'Engagement total', description: 'All-time count per document and metric.' },
    options: { draftAndPublish: false },
    pluginOptions: hidden,
    attributes: { ...keyAttributes, count },
    indexes: [{ name: 'engagement_totals_key', type: 'unique', columns: ['target_type', 'target_document_id', 'metric'] }],
  },
};

export const daily = {
  schema: {
    kind: 'collectionType',
    collectionName: 'engagement_daily',
    info: { singularName: 'daily', pluralName: 'dailies', displayName: 'Engagement per day', description: 'Count per document, metric and UTC day (YYYYMMDD).' },
    options: { draftAndPublish: false },
    pluginOptions: hidden,
    attributes: { ...keyAttributes, day: { type: 'integer', required: true }, count },
    indexes: [
      { name: 'engagement_daily_key', type: 'unique', columns: ['target_type', 'target_document_id', 'day', 'metric'] },
      { name: 'engagement_daily_by_day', columns: ['target_type', 'day'] },
    ],
  },
};

export const TOTAL_UID = 'plugin::engagement.total';
export const DAILY_UID = 'plugin::engagement.daily';

export default { total, daily };
