/**
 * The shapes the plugin's routes answer with, shared by its server, its admin and apps (import from
 * `strapi-plugin-reader-comments/shared`). The public routes' answers hold no email, address hash or
 * token, except the edit token a guest receives once, in the answer to their own post; the moderation
 * (admin) routes' answers hold a guest's email, never an address hash or token.
 */

/** The orders a thread can be read in. */
export type CommentOrder = 'newest' | 'oldest' | 'top';

/** A comment as readers see it. */
export interface PublicComment {
  id: number;
  /** The comment answered; null for a top-level comment. */
  parentId: number | null;
  /** The thread's top-level comment; null for a top-level comment. */
  rootId: number | null;
  /** 0 for a top-level comment. */
  depth: number;
  /** Whom a reply answers when it sits beside their comment (the thread's deepest level). */
  replyTo: string | null;
  author: { name: string; signedIn: boolean };
  /** The text as written (plain text, normalized). */
  text: string;
  /** The text as inert HTML: escaped, line breaks as `<br>`, web addresses as `rel="ugc nofollow"` links. */
  html: string;
  createdAt: string;
  editedAt: string | null;
  /** Approved replies in the thread (top-level comments). */
  replyCount: number;
  /**
   * The author deleted it (or it was erased) while others had replied: it stays as an empty placeholder
   * (`text`, `html` and the author's name empty) so the replies keep their place.
   */
  removed: boolean;
}

/** A top-level comment with the first replies of its thread. */
export interface ThreadEntry extends PublicComment {
  replies: PublicComment[];
  /** Cursor of the thread's next replies (`GET …/threads/:rootId/replies?cursor=`), null when all are shown. */
  moreReplies: string | null;
}

/** `GET /api/reader-comments/:type/:documentId`. */
export interface ThreadPage {
  data: ThreadEntry[];
  meta: {
    count: number;
    order: CommentOrder;
    nextCursor: string | null;
    /** New comments are refused (the document's setting, or `closeAfterDays`): a frontend hides its form. */
    closed: boolean;
  };
}

/** `GET /api/reader-comments/threads/:rootId/replies`. */
export interface RepliesPage {
  data: PublicComment[];
  meta: { nextCursor: string | null };
}

/** Why a posted comment waits for a moderator. */
export type HoldRule =
  | 'links'
  | 'suspect-words'
  | 'pre-moderation'
  | 'new-commenter'
  | 'reports'
  /** An optional spam adapter (Akismet, Turnstile) took it for spam, or did not answer. */
  | 'spam-check';

/** `POST /api/reader-comments/:type/:documentId`: the comment, whether it is published, and for a guest the edit token (shown once). */
export interface PostedComment {
  data: PublicComment;
  meta: {
    status: 'approved' | 'pending';
    /** Why it waits (pending only). */
    heldBy: HoldRule | null;
    /** A guest's secret for editing or deleting within the edit window (`X-Comment-Token`); null for a signed-in author. */
    editToken: string | null;
    editableUntil: string;
    /**
     * Reply notifications when the post asked for them (`notifyReplies`): `subscribed`,
     * `confirmation-sent` (a guest confirms by the link emailed), `confirmation-limited` (too many
     * confirmations to that address lately: none sent), `unavailable` (the site sends no email); null when
     * not asked.
     */
    notifications?: ReplyNotifications;
  };
}

/** Where a post's reply notifications stand (`meta.notifications`). */
export type ReplyNotifications =
  | 'subscribed'
  | 'confirmation-sent'
  | 'confirmation-limited'
  | 'unavailable'
  | null;

/** `GET /api/reader-comments/:type/counts?documentIds=…`: approved comments per documentId. */
export interface CommentCounts {
  data: Record<string, number>;
}

/* Moderation: the admin routes under /reader-comments, for admins with `plugin::reader-comments.moderate`. */

/** Where a comment stands; only `approved` comments are public. */
export type CommentStatus = 'pending' | 'approved' | 'rejected' | 'spam' | 'removed';

/** The queues moderators work through (`GET /reader-comments/queue?queue=`): `reported` is approved or pending comments with reports, `all` everything but removed. */
export const MODERATION_QUEUES = [
  'pending',
  'reported',
  'spam',
  'rejected',
  'approved',
  'all',
] as const;
export type ModerationQueue = (typeof MODERATION_QUEUES)[number];

/** What a moderator can decide about comments (`POST /reader-comments/moderate`). */
export const MODERATION_ACTIONS = ['approve', 'reject', 'spam', 'remove'] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

/** The longest reason a moderator may give: the log and block tables keep it in a 255-character column (`string`). */
export const MODERATION_REASON_MAX_LENGTH = 255;

/** The longest reason a reader may give with a report (a 255-character column too). */
export const REPORT_REASON_MAX_LENGTH = 255;

/** A comment as moderators see it: with why it waits, its reports, the document and the author's email; never the address hash. */
export interface ModeratedComment {
  id: number;
  /** The document commented: type uid, documentId and locale ('' for a type that is not localized). */
  subject: { uid: string; documentId: string; locale: string };
  parentId: number | null;
  text: string;
  status: CommentStatus;
  /** The rule that held a pending comment, and what it found (`"3 links (more than 2)"`). */
  heldBy: HoldRule | null;
  heldDetail: string | null;
  /** `userId` for a signed-in author, `email` for a guest. */
  author: { name: string; userId: number | null; email: string | null };
  reportCount: number;
  createdAt: string;
  editedAt: string | null;
}

/** Page numbers of an admin list. */
export interface ModerationPageMeta {
  page: number;
  pageSize: number;
  total: number;
}

/** `GET /reader-comments/queue`: a page of a queue, newest first. */
export interface ModerationQueuePage {
  data: ModeratedComment[];
  meta: ModerationPageMeta;
}

/** `POST /reader-comments/moderate`: the comments as they are after the decision. */
export interface ModerationResult {
  data: ModeratedComment[];
}

/** `PUT /reader-comments/comments/:id`: the comment after a moderator's edit. */
export interface ModeratorEditResult {
  data: ModeratedComment;
}

/** How a comment's author is blocked (`POST /reader-comments/comments/:id/block`): `author` (account or email) or `address`. */
export type BlockBy = 'author' | 'address';

/** `POST /reader-comments/comments/:id/block`: what was blocked. */
export interface BlockResult {
  data: { blocked: 'user' | 'email' | 'address' };
}

/** What the log records: the moderation actions, edits, blocks and erasure requests. */
export type ModerationLogAction =
  | ModerationAction
  | 'edit'
  | 'block-author'
  | 'block-address'
  | 'erase';

/** One moderator action. */
export interface ModerationLogEntry {
  id: number;
  action: ModerationLogAction;
  commentIds: number[];
  /** The admin user's name at the time, and id. */
  moderator: string | null;
  moderatorId: number | null;
  reason: string | null;
  createdAt: string;
}

/** `GET /reader-comments/log`: a page of the log, newest first. */
export interface ModerationLogPage {
  data: ModerationLogEntry[];
  meta: ModerationPageMeta;
}

/* Settings and document views: admin routes under /reader-comments. */

/** Comments per queue: `GET /reader-comments/queue-counts` (all documents) and a document's summary. */
export interface QueueCounts {
  approved: number;
  pending: number;
  reported: number;
  spam: number;
}

/** Whether a document takes comments: open, pre-moderated (every comment waits) or closed. */
export const DOCUMENT_COMMENT_MODES = ['open', 'pre-moderated', 'closed'] as const;
export type DocumentCommentMode = (typeof DOCUMENT_COMMENT_MODES)[number];

/** `GET /reader-comments/documents/:uid/:documentId`: the edit view's panel. */
export interface DocumentCommentsSummary {
  data: { uid: string; documentId: string; mode: DocumentCommentMode; counts: QueueCounts };
}

/** Word lists per locale (`*`: every locale). */
export type WordListsByLocale = Record<string, { banned: string[]; suspect: string[] }>;

/** `GET|PUT /reader-comments/settings/words`: the lists in force; `source: 'config'` until an admin saves. */
export interface WordListsSettings {
  data: { words: WordListsByLocale; source: 'config' | 'admin' };
}

/** A pre-moderation rule on related documents: comments on a `contentType` document whose `field` holds one of `documentIds` wait. */
export interface RelatedPreModerationRule {
  contentType: string;
  field: string;
  target: string;
  documentIds: string[];
}

/** `GET|PUT /reader-comments/settings/pre-moderation`: the rules, and the relation fields rules can use. */
export interface PreModerationSettings {
  data: {
    rules: RelatedPreModerationRule[];
    fields: Array<{ contentType: string; field: string; target: string }>;
  };
}
