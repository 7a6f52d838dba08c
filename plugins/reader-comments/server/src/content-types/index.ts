import {
  DOCUMENT_COMMENT_MODES,
  type CommentStatus,
  type DocumentCommentMode,
} from '../../../shared/contracts';

/**
 * The plugin's tables. Comments point at the document they are about by (type uid, documentId, locale)
 * rather than by a relation: one table serves every configured type, a document's draft and published
 * rows share their comments, and a thread is read with plain indexed queries (no join tables). All types
 * are hidden from the Content Manager and the Content-Type Builder: moderators work in the plugin's pages.
 */

const hidden = {
  'content-manager': { visible: false },
  'content-type-builder': { visible: false },
};

/** Short string columns keep composite indexes under MySQL/MariaDB's 3,072-byte key limit (utf8mb4). */
const short = (length: number, required = true) => ({
  type: 'string',
  required,
  columnType: { type: 'string', args: [length] },
});

/** Keys of the document a row is about. `subjectLocale` is '' for a type that is not localized. */
const subject = {
  subjectType: short(160),
  subjectId: short(64),
  subjectLocale: { ...short(35), default: '' },
};

export const COMMENT_STATUSES = [
  'pending',
  'approved',
  'rejected',
  'spam',
  'removed',
] as const satisfies readonly CommentStatus[];

export const comment = {
  schema: {
    kind: 'collectionType',
    collectionName: 'reader_comments',
    info: {
      singularName: 'comment',
      pluralName: 'comments',
      displayName: 'Reader comment',
      description: 'A reader comment on a document, or a reply.',
    },
    options: { draftAndPublish: false },
    pluginOptions: hidden,
    attributes: {
      ...subject,
      /** The comment answered (null: a top-level comment); `rootId` the thread's top-level comment. */
      parentId: { type: 'integer' },
      rootId: { type: 'integer' },
      depth: { type: 'integer', required: true, default: 0 },
      /** Whom a reply answers when it could not go under their comment (the deepest level). */
      replyToName: { type: 'string' },
      /** Plain text, normalized (lib/text.ts); never HTML. */
      text: { type: 'text', required: true },
      status: {
        type: 'enumeration',
        enum: [...COMMENT_STATUSES],
        required: true,
        default: 'pending',
      },
      /** The rule that held a pending comment, and what it found. */
      heldBy: short(32, false),
      heldDetail: { type: 'string' },
      authorName: { type: 'string', required: true },
      /** A signed-in author (users-permissions user id); null for a guest. */
      authorUserId: { type: 'integer' },
      /** A guest's email: never in a public response. */
      authorEmail: { type: 'email', private: true },
      /** Who wrote it, for trust, blocks and duplicates: `user:<id>` or `email:<sha-256 of the address>`. */
      authorKey: { ...short(80), private: true },
      /** SHA-256 of the guest's edit token (the token is shown once, when posting). */
      editTokenHash: { ...short(64, false), private: true },
      /** Keyed hash of the poster's address (lib/secrets.ts); deleted after the retention period. */
      addressHash: { ...short(32, false), private: true },
      /** Approved comments in this thread below this one (top-level comments: the `top` order's score). */
      replyCount: { type: 'integer', required: true, default: 0 },
      reportCount: { type: 'integer', required: true, default: 0 },
      editedAt: { type: 'datetime' },
      /** Earlier texts, newest last: `[{ text, at, by }]`. */
      revisions: { type: 'json', private: true },
    },
    indexes: [
      {
        name: 'reader_comments_thread',
        columns: ['subject_type', 'subject_id', 'subject_locale', 'status', 'root_id'],
      },
      { name: 'reader_comments_root', columns: ['root_id', 'status'] },
      { name: 'reader_comments_author', columns: ['author_key', 'status'] },
    ],
  },
};

/** Whether a document takes comments, as moderators set it in its edit view (no row: open). */
export const DOCUMENT_MODES = DOCUMENT_COMMENT_MODES;
export type DocumentMode = DocumentCommentMode;

/**
 * Per-document comment settings (open, pre-moderated, closed), keyed by (type uid, documentId) in the
 * plugin's own table, never as a field of the app's schema: the setting holds for every locale, and
 * saving or publishing the document cannot overwrite it.
 */
export const documentSetting = {
  schema: {
    kind: 'collectionType',
    collectionName: 'reader_comment_document_settings',
    info: {
      singularName: 'document-setting',
      pluralName: 'document-settings',
      displayName: 'Reader comment document setting',
      description: 'Whether one document takes comments: open, pre-moderated or closed.',
    },
    options: { draftAndPublish: false },
    pluginOptions: hidden,
    attributes: {
      subjectType: short(160),
      subjectId: short(64),
      mode: { type: 'enumeration', enum: [...DOCUMENT_MODES], required: true, default: 'open' },
      /** The admin who last changed it. */
      moderator: { type: 'string' },
    },
    indexes: [
      {
        name: 'reader_comment_document_settings_key',
        type: 'unique',
        columns: ['subject_type', 'subject_id'],
      },
    ],
  },
};

export const DOCUMENT_SETTING_UID = 'plugin::reader-comments.document-setting';

/** Approved comments per document and locale, recounted in the transaction of every status change. */
export const count = {
  schema: {
    kind: 'collectionType',
    collectionName: 'reader_comment_counts',
    info: {
      singularName: 'count',
      pluralName: 'counts',
      displayName: 'Reader comment count',
      description: 'Approved comments per document and locale.',
    },
    options: { draftAndPublish: false },
    pluginOptions: hidden,
    attributes: { ...subject, approved: { type: 'integer', required: true, default: 0 } },
    indexes: [
      {
        name: 'reader_comment_counts_key',
        type: 'unique',
        columns: ['subject_type', 'subject_id', 'subject_locale'],
      },
    ],
  },
};

/** ALTCHA challenges already used (without Redis), kept until they expire: a solution is accepted once. */
export const nonce = {
  schema: {
    kind: 'collectionType',
    collectionName: 'reader_comment_nonces',
    info: {
      singularName: 'nonce',
      pluralName: 'nonces',
      displayName: 'Reader comment nonce',
      description: 'A used proof-of-work challenge.',
    },
    options: { draftAndPublish: false },
    pluginOptions: hidden,
    attributes: { value: short(64), expiresAt: { type: 'biginteger', required: true } },
    indexes: [{ name: 'reader_comment_nonces_value', type: 'unique', columns: ['value'] }],
  },
};

/** The secret of each UTC day that readers' addresses are hashed with; deleted after the retention period. */
export const secret = {
  schema: {
    kind: 'collectionType',
    collectionName: 'reader_comment_secrets',
    info: {
      singularName: 'secret',
      pluralName: 'secrets',
      displayName: 'Reader comment address secret',
      description: 'Secret of one UTC day (YYYYMMDD) for address hashes.',
    },
    options: { draftAndPublish: false },
    pluginOptions: hidden,
    attributes: { day: { type: 'integer', required: true }, value: short(64) },
    indexes: [{ name: 'reader_comment_secrets_day', type: 'unique', columns: ['day'] }],
  },
};

/** A reader's report of a comment: one per reader (signed-in user, or address hash) and comment. */
export const report = {
  schema: {
    kind: 'collectionType',
    collectionName: 'reader_comment_reports',
    info: {
      singularName: 'report',
      pluralName: 'reports',
      displayName: 'Reader comment report',
      description: "A reader's report of a comment.",
    },
    options: { draftAndPublish: false },
    pluginOptions: hidden,
    attributes: {
      commentId: { type: 'integer', required: true },
      /** `user:<id>` or `address:<hash>`: who reported, so each reader counts once. */
      readerKey: { ...short(80), private: true },
      reason: { type: 'string' },
    },
    indexes: [
      {
        name: 'reader_comment_reports_once',
        type: 'unique',
        columns: ['comment_id', 'reader_key'],
      },
    ],
  },
};

/** An author a moderator blocked: by user, by email (its hash, as `authorKey`) or by address hash. */
export const block = {
  schema: {
    kind: 'collectionType',
    collectionName: 'reader_comment_blocks',
    info: {
      singularName: 'block',
      pluralName: 'blocks',
      displayName: 'Reader comment block',
      description: 'An author who may not comment.',
    },
    options: { draftAndPublish: false },
    pluginOptions: hidden,
    attributes: {
      /** `user:<id>`, `email:<hash>` (as comments' `authorKey`) or `address:<hash>`. */
      blockedKey: { ...short(80), private: true },
      reason: { type: 'string' },
      moderator: { type: 'string' },
    },
    indexes: [{ name: 'reader_comment_blocks_key', type: 'unique', columns: ['blocked_key'] }],
  },
};

/** What moderators did: every action on comments and authors, with who, why and when. */
export const log = {
  schema: {
    kind: 'collectionType',
    collectionName: 'reader_comment_log',
    info: {
      singularName: 'log',
      pluralName: 'logs',
      displayName: 'Reader comment moderation log',
      description: "A moderator's action.",
    },
    options: { draftAndPublish: false },
    pluginOptions: hidden,
    attributes: {
      action: short(32),
      commentIds: { type: 'json' },
      reason: { type: 'string' },
      moderatorId: { type: 'integer' },
      moderator: { type: 'string' },
    },
  },
};

/**
 * A commenter's wish to hear about replies to one of their comments. A signed-in user with a confirmed
 * account email, or a verified guest, is `active` at once; another guest's is `pending` until the link of
 * the one confirmation message is opened (double opt-in: nothing else is sent to an unconfirmed address).
 */
export const subscription = {
  schema: {
    kind: 'collectionType',
    collectionName: 'reader_comment_subscriptions',
    info: {
      singularName: 'subscription',
      pluralName: 'subscriptions',
      displayName: 'Reader comment subscription',
      description: 'Reply notifications for one comment.',
    },
    options: { draftAndPublish: false },
    pluginOptions: hidden,
    attributes: {
      /** The comment whose replies are announced. */
      commentId: { type: 'integer', required: true },
      /** The subscriber, as comments' `authorKey` (`user:<id>` or `email:<hash>`). */
      authorKey: { ...short(80), private: true },
      /** A signed-in subscriber (their account's email is read when sending); null for a guest. */
      userId: { type: 'integer' },
      /** A guest's address; null for a signed-in subscriber. */
      email: { type: 'email', private: true },
      status: { ...short(16), default: 'pending' },
      /** SHA-256 of the confirmation link's token (pending only), and when that link expires. */
      confirmTokenHash: { ...short(64, false), private: true },
      confirmExpiresAt: { type: 'datetime' },
      confirmedAt: { type: 'datetime' },
      unsubscribedAt: { type: 'datetime' },
    },
    indexes: [
      { name: 'reader_comment_subscriptions_comment', type: 'unique', columns: ['comment_id'] },
      { name: 'reader_comment_subscriptions_author', columns: ['author_key', 'status'] },
      { name: 'reader_comment_subscriptions_confirm', columns: ['confirm_token_hash'] },
    ],
  },
};

/**
 * Emails to send, written in the transaction of the change that causes them and sent after the commit by
 * the sender loop (services/outbox.ts): claimed with a lease (several instances never send one twice at
 * once), retried with backoff, given up after `mail.maxAttempts`. `held` rows wait for a moderator's
 * approval of the reply they announce. Sent rows lose their recipient and payload at once.
 */
export const outbox = {
  schema: {
    kind: 'collectionType',
    collectionName: 'reader_comment_outbox',
    info: {
      singularName: 'outbox',
      pluralName: 'outboxes',
      displayName: 'Reader comment outbox',
      description: 'An email to send.',
    },
    options: { draftAndPublish: false },
    pluginOptions: hidden,
    attributes: {
      /** `confirm`, `reply`, `verify` or `digest`. */
      kind: short(16),
      /** `held`, `queued`, `sent`, `skipped` or `failed`. */
      status: { ...short(16), default: 'queued' },
      /** A guest's address (confirm, verify); replies and digests find theirs when sent. */
      recipient: { type: 'email', private: true },
      /** Whose message it is (`email:<hash>`, `user:<id>`), for erasure. */
      recipientKey: { ...short(80, false), private: true },
      /** The comment a message is about (the reply, for `reply`). */
      commentId: { type: 'integer' },
      /** What the message needs (tokens, ids, the digest's figures); cleared once sent. */
      payload: { type: 'json', private: true },
      attempts: { type: 'integer', required: true, default: 0 },
      nextAttemptAt: { type: 'datetime' },
      /** The instance sending it, until `claimedUntil` (a lease: a crashed sender's rows come back). */
      claimedBy: short(40, false),
      claimedUntil: { type: 'datetime' },
      lastError: { type: 'text' },
      sentAt: { type: 'datetime' },
      /** One message per key at most (a digest period; a reply per subscriber). */
      dedupeKey: short(80, false),
    },
    indexes: [
      { name: 'reader_comment_outbox_due', columns: ['status', 'next_attempt_at'] },
      { name: 'reader_comment_outbox_comment', columns: ['comment_id', 'status'] },
      { name: 'reader_comment_outbox_once', type: 'unique', columns: ['dedupe_key'] },
    ],
  },
};

/**
 * A guest's verified address: a magic link (its token's SHA-256, expiring, used once) that, opened,
 * gives the guest a reader token (its SHA-256, long-lived) to post, subscribe and make data requests with.
 */
export const reader = {
  schema: {
    kind: 'collectionType',
    collectionName: 'reader_comment_readers',
    info: {
      singularName: 'reader',
      pluralName: 'readers',
      displayName: 'Reader comment verified guest',
      description: "A guest's verified email address and reader token.",
    },
    options: { draftAndPublish: false },
    pluginOptions: hidden,
    attributes: {
      /** As comments' `authorKey`: `email:<SHA-256 of the address>`. */
      emailKey: { ...short(80), private: true },
      email: { type: 'email', required: true, private: true },
      linkTokenHash: { ...short(64), private: true },
      linkExpiresAt: { type: 'datetime', required: true },
      usedAt: { type: 'datetime' },
      readerTokenHash: { ...short(64, false), private: true },
      readerExpiresAt: { type: 'datetime' },
    },
    indexes: [
      { name: 'reader_comment_readers_link', type: 'unique', columns: ['link_token_hash'] },
      { name: 'reader_comment_readers_token', columns: ['reader_token_hash'] },
      { name: 'reader_comment_readers_email', columns: ['email_key'] },
    ],
  },
};

export const SUBSCRIPTION_UID = 'plugin::reader-comments.subscription';
export const OUTBOX_UID = 'plugin::reader-comments.outbox';
export const READER_UID = 'plugin::reader-comments.reader';

export const COMMENT_UID = 'plugin::reader-comments.comment';
export const COUNT_UID = 'plugin::reader-comments.count';
export const NONCE_UID = 'plugin::reader-comments.nonce';
export const SECRET_UID = 'plugin::reader-comments.secret';
export const REPORT_UID = 'plugin::reader-comments.report';
export const BLOCK_UID = 'plugin::reader-comments.block';
export const LOG_UID = 'plugin::reader-comments.log';

export default {
  comment,
  count,
  nonce,
  secret,
  report,
  block,
  log,
  'document-setting': documentSetting,
  subscription,
  outbox,
  reader,
};
