/**
 * The shapes the plugin's public routes answer with, shared by its server, its admin and apps (import from
 * `strapi-plugin-reader-comments/shared`). No email, address hash or token ever appears in them, except
 * the edit token a guest receives once, in the answer to their own post.
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
  meta: { count: number; order: CommentOrder; nextCursor: string | null };
}

/** `GET /api/reader-comments/threads/:rootId/replies`. */
export interface RepliesPage {
  data: PublicComment[];
  meta: { nextCursor: string | null };
}

/** Why a posted comment waits for a moderator. */
export type HoldRule = 'links' | 'suspect-words' | 'pre-moderation' | 'new-commenter' | 'reports';

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
  };
}

/** `GET /api/reader-comments/:type/counts?documentIds=…`: approved comments per documentId. */
export interface CommentCounts {
  data: Record<string, number>;
}
