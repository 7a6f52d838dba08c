import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { ConflictError, forbidden } from '../lib/errors';
import type { PostedComment, PublicComment } from '../../../shared/contracts';
import { COMMENT_UID } from '../content-types';
import { authorKeyFor } from '../lib/author-key';
import { screen } from '../lib/screening';
import { hashToken, newToken, tokenMatches } from '../lib/secrets';
import { normalizeName, normalizeText, renderHtml, textProblem } from '../lib/text';
import { placeReply, type ParentComment } from '../lib/thread';
import type { WordLists } from '../lib/words';
import type { Subject } from './subjects';
import type { SpamCheckRequest } from './spam-check';
import type { AffectedComment, Transaction } from './counts';
import type { NotificationState, Subscriber } from './notifications';
import { getConfig, getService } from '../utils';

/** Who posts: a signed-in users-permissions user, or a guest with a name and an email. */
export type Author =
  | { kind: 'user'; id: number; name: string }
  | { kind: 'guest'; name: string; email: string; verified?: boolean };

/** A post as the controller hands it on, its fields checked for type. */
export interface NewComment {
  text: string;
  parentId?: number;
  author: Author;
  /** The author asks to be told about replies by email (services/notifications.ts). */
  notifyReplies?: boolean;
  /** The poster's address hash. */
  addressHash: string;
  /** What the optional spam adapters need (`spam.akismet`, `spam.turnstile`); absent: they are skipped. */
  request?: SpamCheckRequest;
}

/** Who asks to edit or delete: the signed-in user, and/or the edit token a guest got when posting. */
export interface Requester {
  userId?: number;
  token?: string;
}

interface StoredComment {
  id: number;
  subjectType: string;
  subjectId: string;
  subjectLocale: string;
  parentId: number | null;
  rootId: number | null;
  depth: number;
  replyToName: string | null;
  text: string;
  status: string;
  authorName: string;
  authorUserId: number | null;
  authorKey: string;
  editTokenHash: string | null;
  createdAt: string | Date;
  editedAt: string | Date | null;
  replyCount: number;
  revisions: Array<{ text: string; at: string }> | null;
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,189}\.[^\s@]{2,}$/;

/** Who subscribes to replies when `author` asks: an account, a verified guest, or a guest to confirm. */
const subscriberOf = (author: Author, authorKey: string): Subscriber =>
  author.kind === 'user'
    ? { kind: 'user', id: author.id }
    : { kind: author.verified ? 'verified' : 'guest', email: author.email, authorKey };

const iso = (value: string | Date | null): string | null =>
  value === null ? null : new Date(value).toISOString();

/** The public face of a stored comment. */
export const publicComment = (row: StoredComment): PublicComment => ({
  id: row.id,
  parentId: row.parentId ?? null,
  rootId: row.rootId ?? null,
  depth: row.depth,
  replyTo: row.replyToName ?? null,
  author: {
    name: row.authorName,
    signedIn: row.authorUserId !== null && row.authorUserId !== undefined,
  },
  text: row.text,
  html: renderHtml(row.text),
  createdAt: iso(row.createdAt) as string,
  editedAt: iso(row.editedAt),
  replyCount: row.replyCount ?? 0,
  removed: false,
});

/**
 * Posting, editing and deleting comments. Every change that can alter what readers see runs in one
 * transaction with the recount of the document's approved comments and of its thread's replies.
 */
const createCommentsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const comments = () => strapi.db.query(COMMENT_UID as never);

  /** The admin's word lists (else the config's) for `locale`, from the settings service's cached copy. */
  const wordLists = (locale: string): Promise<WordLists> =>
    getService(strapi, 'settings').wordListsFor(locale);

  /** Why every comment on `subject` waits (its type, its own setting, a related document such as a tag), or null. */
  const preModeration = async (subject: Subject): Promise<string | null> => {
    if (getConfig(strapi).moderation.preModerate.includes(subject.uid))
      return `every comment on ${subject.uid} is read before it is published`;
    if (subject.mode === 'pre-moderated') return 'this document is pre-moderated';
    return getService(strapi, 'settings').relatedHold(subject);
  };

  /** The normalized text, or a 400 naming what is wrong with it. */
  const checkedText = (raw: string): string => {
    const text = normalizeText(raw);
    const problem = textProblem(text, getConfig(strapi).text);
    if (problem) throw new errors.ValidationError(problem);
    return text;
  };

  const authorKeyOf = (author: Author): string =>
    authorKeyFor(author.kind === 'user' ? { userId: author.id } : { email: author.email });

  /** Recounts what a change of `comment` can alter: the document's approved count and its thread's replies. */
  const recount = (tx: Transaction, comment: AffectedComment) =>
    getService(strapi, 'counts').recountAffected(tx, [comment]);

  const findStored = async (id: number): Promise<StoredComment> => {
    const row = (await comments().findOne({ where: { id } })) as StoredComment | null;
    if (!row || row.status === 'removed') throw new errors.NotFoundError(`No comment ${id}`);
    return row;
  };

  /** A 403 unless `requester` wrote `row` (the signed-in author, or a guest's token) and the edit window is open. */
  const assertMayChange = (row: StoredComment, requester: Requester, now: number) => {
    const byUser =
      row.authorUserId !== null &&
      requester.userId !== undefined &&
      row.authorUserId === requester.userId;
    const byToken =
      requester.token !== undefined && tokenMatches(requester.token, row.editTokenHash);
    if (!byUser && !byToken)
      throw forbidden(
        'Only the author of this comment may change it (signed in, or with the edit token given when it was posted)'
      );
    const windowMs = getConfig(strapi).editWindowMinutes * 60_000;
    if (now - new Date(row.createdAt).getTime() > windowMs)
      throw forbidden(
        `Comments can be changed for ${getConfig(strapi).editWindowMinutes} minutes after posting`
      );
  };

  return {
    /** The normalized text of a post, or a 400 (exported for the duplicate check and the challenge binding). */
    checkedText,

    /**
     * Stores a new comment on `subject` after the content rules: refused (400), held (pending, with its
     * rule) or published; a reply goes where `placeReply` puts it. Returns the answer for the poster,
     * with a guest's edit token (shown this once).
     */
    async post(subject: Subject, input: NewComment, now = Date.now()): Promise<PostedComment> {
      const config = getConfig(strapi);
      const text = checkedText(input.text);
      const author: Author =
        input.author.kind === 'guest'
          ? {
              ...input.author,
              name: normalizeName(input.author.name),
              email: input.author.email.trim(),
            }
          : input.author;
      if (author.kind === 'guest') {
        if (author.name.length === 0)
          throw new errors.ValidationError('Give a name to comment as a guest');
        if ([...author.name].length > config.nameMaxLength)
          throw new errors.ValidationError(
            `The name is longer than ${config.nameMaxLength} characters`
          );
        if (author.email.length > 254 || !EMAIL.test(author.email))
          throw new errors.ValidationError(
            'Give a valid email address to comment as a guest (it is never shown)'
          );
      }
      const authorKey = authorKeyOf(author);
      if (
        await getService(strapi, 'moderation').isBlocked([
          authorKey,
          `address:${input.addressHash}`,
        ])
      ) {
        throw forbidden('You cannot comment on this site');
      }

      let placement: {
        parentId: number | null;
        rootId: number | null;
        depth: number;
        replyToName: string | null;
      } = {
        parentId: null,
        rootId: null,
        depth: 0,
        replyToName: null,
      };
      if (input.parentId !== undefined) {
        if (config.maxLevels < 2)
          throw new errors.ValidationError('Replies are turned off on this site');
        const parent = (await comments().findOne({
          where: { id: input.parentId },
        })) as StoredComment | null;
        if (!parent || parent.status !== 'approved')
          throw new errors.NotFoundError(`No comment ${input.parentId} to reply to`);
        if (
          parent.subjectType !== subject.uid ||
          parent.subjectId !== subject.documentId ||
          parent.subjectLocale !== subject.locale
        ) {
          throw new errors.ValidationError(`Comment ${input.parentId} belongs to another document`);
        }
        placement = placeReply(parent as ParentComment, config.maxLevels);
      }

      const { duplicateWindowSeconds } = config.spam;
      if (duplicateWindowSeconds > 0) {
        const duplicate = (await comments().findOne({
          select: ['id'],
          where: {
            $or: [{ authorKey }, { addressHash: input.addressHash }],
            text,
            subjectId: subject.documentId,
            createdAt: { $gt: new Date(now - duplicateWindowSeconds * 1000) },
            status: { $ne: 'removed' },
          },
        })) as { id: number } | null;
        if (duplicate)
          throw new ConflictError('You already posted this comment', { duplicateOf: duplicate.id });
      }

      const trustAfter = config.moderation.trustAfter;
      const approvedBefore =
        trustAfter > 0
          ? ((await comments().count({ where: { authorKey, status: 'approved' } })) as number)
          : null;
      const preModeratedBy = await preModeration(subject);
      const screened = screen({
        text,
        authorName: author.name,
        lists: await wordLists(subject.locale),
        maxLinks: config.maxLinks,
        preModerated: preModeratedBy !== null,
        preModeratedBy: preModeratedBy ?? undefined,
        approvedBefore,
        trustAfter,
      });
      if (screened.verdict === 'refuse') throw new errors.ValidationError(screened.reason);
      const spamCheck = input.request
        ? await getService(strapi, 'spam-check').check(subject, {
            ...input.request,
            text,
            authorName: author.name,
            authorEmail: author.kind === 'guest' ? author.email : null,
          })
        : null;
      if (spamCheck?.verdict === 'refuse') throw new errors.ValidationError(spamCheck.reason);
      // An adapter's finding (spam, or no answer) outranks the content rules: it is why it waits.
      const verdict =
        spamCheck && spamCheck.verdict !== 'pass'
          ? { verdict: 'hold' as const, rule: 'spam-check' as const, detail: spamCheck.detail }
          : screened;

      let notifications: NotificationState = null;
      const token = author.kind === 'guest' ? newToken() : null;
      const status =
        spamCheck?.verdict === 'spam'
          ? 'spam'
          : verdict.verdict === 'approve'
            ? 'approved'
            : 'pending';
      const stored = (await strapi.db.transaction(async (tx) => {
        const row = (await comments().create({
          data: {
            subjectType: subject.uid,
            subjectId: subject.documentId,
            subjectLocale: subject.locale,
            ...placement,
            text,
            status,
            heldBy: verdict.verdict === 'hold' ? verdict.rule : null,
            heldDetail: verdict.verdict === 'hold' ? verdict.detail : null,
            authorName: author.name,
            authorUserId: author.kind === 'user' ? author.id : null,
            authorEmail: author.kind === 'guest' ? author.email : null,
            authorKey,
            editTokenHash: token ? hashToken(token) : null,
            addressHash: input.addressHash,
            replyCount: 0,
            reportCount: 0,
          },
        })) as StoredComment;
        if (status === 'approved') await recount(tx, row);
        notifications = await getService(strapi, 'notifications').afterPost(row, {
          answeredId: input.parentId,
          subscriber: input.notifyReplies ? subscriberOf(author, authorKey) : undefined,
        });
        tx.onCommit(() => getService(strapi, 'outbox').nudge());
        return row;
      })) as StoredComment;

      return {
        data: publicComment(stored),
        meta: {
          // A comment an adapter took for spam waits in the spam queue; the poster is told it waits.
          status: status === 'spam' ? 'pending' : status,
          heldBy: verdict.verdict === 'hold' ? verdict.rule : null,
          editToken: token,
          editableUntil: new Date(
            new Date(stored.createdAt).getTime() + config.editWindowMinutes * 60_000
          ).toISOString(),
          notifications,
        },
      };
    },

    /**
     * Stores an approved comment brought from another system (e.g. a WordPress import) as it was there:
     * its text (normalized), author, date and place in its thread, counted at once. It skips the content
     * rules, moderation, notifications and edit tokens: it was moderated where it was written. A guest's
     * email stays private, as for comments posted here. `parentId` is a comment imported before it.
     * Returns the new comment's id.
     */
    async importApproved(
      subject: { uid: string; documentId: string; locale: string },
      input: {
        text: string;
        authorName: string;
        authorEmail?: string | null;
        parentId?: number | null;
        createdAt: Date;
      }
    ): Promise<number> {
      const text = normalizeText(input.text);
      if (!text) throw new errors.ValidationError('An imported comment needs a text');
      const email = input.authorEmail?.trim() || null;
      const author: Author = {
        kind: 'guest',
        name: normalizeName(input.authorName) || 'Anonymous',
        email: email ?? '',
      };
      let placement: {
        parentId: number | null;
        rootId: number | null;
        depth: number;
        replyToName: string | null;
      } = { parentId: null, rootId: null, depth: 0, replyToName: null };
      if (input.parentId) {
        const parent = (await comments().findOne({
          where: { id: input.parentId },
        })) as StoredComment | null;
        if (!parent || parent.subjectId !== subject.documentId)
          throw new errors.ValidationError(
            `Comment ${input.parentId} is not on document ${subject.documentId}`
          );
        placement = placeReply(parent as ParentComment, Math.max(2, getConfig(strapi).maxLevels));
      }
      const stored = (await strapi.db.transaction(async (tx) => {
        const row = (await comments().create({
          data: {
            subjectType: subject.uid,
            subjectId: subject.documentId,
            subjectLocale: subject.locale,
            ...placement,
            text,
            status: 'approved',
            authorName: author.name,
            authorUserId: null,
            authorEmail: email && EMAIL.test(email) ? email : null,
            authorKey: email ? authorKeyOf(author) : `imported:${subject.documentId}`,
            editTokenHash: null,
            addressHash: null,
            replyCount: 0,
            reportCount: 0,
            // an ISO string: the query layer binds it on every database (a Date fails on SQLite here)
            createdAt: input.createdAt.toISOString(),
            updatedAt: input.createdAt.toISOString(),
          },
        })) as StoredComment;
        await recount(tx, row);
        return row;
      })) as StoredComment;
      return stored.id;
    },

    /**
     * Replaces a comment's text for its author within the edit window, keeping the previous text as a
     * revision. The new text passes the content rules again: a comment that would now be held waits for a
     * moderator.
     */
    async edit(
      id: number,
      rawText: string,
      requester: Requester,
      now = Date.now()
    ): Promise<{ data: PublicComment; meta: { status: string } }> {
      const row = await findStored(id);
      assertMayChange(row, requester, now);
      const text = checkedText(rawText);
      const config = getConfig(strapi);
      const verdict = screen({
        text,
        authorName: row.authorName,
        lists: await wordLists(row.subjectLocale),
        maxLinks: config.maxLinks,
        preModerated: false,
        approvedBefore: null,
        trustAfter: 0,
      });
      if (verdict.verdict === 'refuse') throw new errors.ValidationError(verdict.reason);
      const status = verdict.verdict === 'hold' ? 'pending' : row.status;
      const revisions = [
        ...(row.revisions ?? []),
        { text: row.text, at: new Date(now).toISOString() },
      ];
      const updated = (await strapi.db.transaction(async (tx) => {
        const saved = (await comments().update({
          where: { id },
          data: {
            text,
            editedAt: new Date(now),
            revisions,
            status,
            ...(verdict.verdict === 'hold'
              ? { heldBy: verdict.rule, heldDetail: verdict.detail }
              : {}),
          },
        })) as StoredComment;
        // Recounted (and announced) whenever readers could see it before or after: its text changed.
        if (row.status === 'approved' || status === 'approved') await recount(tx, saved);
        return saved;
      })) as StoredComment;
      return { data: publicComment(updated), meta: { status: updated.status } };
    },

    /**
     * Removes a comment for its author within the edit window. Replies by others stay in the thread: a
     * top-level comment with replies remains as an empty placeholder.
     */
    async remove(
      id: number,
      requester: Requester,
      now = Date.now()
    ): Promise<{ data: { id: number; status: 'removed' } }> {
      const row = await findStored(id);
      assertMayChange(row, requester, now);
      await strapi.db.transaction(async (tx) => {
        const saved = (await comments().update({
          where: { id },
          data: { status: 'removed' },
        })) as StoredComment;
        if (row.status === 'approved') await recount(tx, saved);
      });
      return { data: { id, status: 'removed' } };
    },
  };
};

export type CommentsService = ReturnType<typeof createCommentsService>;
export default createCommentsService;
