import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { ReplyNotifications } from '../../../shared/contracts';
import { COMMENT_UID, SUBSCRIPTION_UID } from '../content-types';
import { forbidden } from '../lib/errors';
import {
  confirmSubscriptionMail,
  digestMail,
  excerpt,
  fillUrlTemplate,
  readUnsubscribeToken,
  replyMail,
  unsubscribeToken,
  verifyMail,
  withQuery,
  type DigestSummary,
} from '../lib/mail';
import { hashToken, newToken } from '../lib/secrets';
import type { OutboxRow, Rendered } from './outbox';
import { getConfig, getService } from '../utils';

/** Where a post's reply notifications stand, as its answer says (`meta.notifications`). */
export type NotificationState = ReplyNotifications;

/** Who subscribes when posting: a signed-in user, a verified guest, or a guest whose address is unconfirmed. */
export type Subscriber =
  | { kind: 'user'; id: number }
  | { kind: 'verified'; email: string; authorKey: string }
  | { kind: 'guest'; email: string; authorKey: string };

/** A subscription as stored. */
export interface SubscriptionRow {
  id: number;
  commentId: number;
  authorKey: string;
  userId: number | null;
  email: string | null;
  status: 'pending' | 'active' | 'unsubscribed';
  confirmExpiresAt: string | Date | null;
  createdAt: string | Date;
  confirmedAt: string | Date | null;
}

/** What notifications read of a comment. */
export interface CommentRow {
  id: number;
  subjectType: string;
  subjectId: string;
  subjectLocale: string;
  parentId: number | null;
  text: string;
  status: string;
  authorName: string;
  authorKey: string;
}

/** What the answer to a confirm or unsubscribe link says. */
export interface LinkResult {
  data: { status: 'active' | 'unsubscribed'; subscriptions: number };
}

/**
 * Reply notifications with consent: a commenter subscribes when posting (`notifyReplies`); a guest whose
 * address is not verified gets one confirmation message and nothing else until they confirm. When a reply
 * becomes public (at once, or when a moderator approves it) its outbox message, written in that same
 * transaction, becomes due; the sender renders it (services/outbox.ts calls {@link render}) and skips it
 * if the subscriber unsubscribed, is its author, or the reply is no longer public.
 */
const createNotificationsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const subscriptions = () => strapi.db.query(SUBSCRIPTION_UID as never);
  const comments = () => strapi.db.query(COMMENT_UID as never);
  const outbox = () => getService(strapi, 'outbox');
  const mail = () => getService(strapi, 'mail');

  const userEmail = async (
    userId: number
  ): Promise<{ email: string; confirmed: boolean; blocked: boolean } | null> => {
    if (!strapi.plugin('users-permissions')) return null;
    const user = (await strapi.db.query('plugin::users-permissions.user').findOne({
      select: ['email', 'confirmed', 'blocked'],
      where: { id: userId },
    })) as { email?: string | null; confirmed?: boolean | null; blocked?: boolean | null } | null;
    if (!user?.email) return null;
    return {
      email: user.email,
      confirmed: user.confirmed === true,
      blocked: user.blocked === true,
    };
  };

  /** The comment's public link, when `links.documentUrls` names its type. */
  const threadUrl = async (comment: CommentRow): Promise<string | null> => {
    const template = getConfig(strapi).links.documentUrls[comment.subjectType];
    if (!template) return null;
    const localized =
      (
        strapi.contentType(comment.subjectType as never) as
          | { pluginOptions?: { i18n?: { localized?: boolean } } }
          | undefined
      )?.pluginOptions?.i18n?.localized === true;
    const document = (await strapi.db.query(comment.subjectType as never).findOne({
      where: {
        documentId: comment.subjectId,
        publishedAt: { $notNull: true },
        ...(localized && comment.subjectLocale ? { locale: comment.subjectLocale } : {}),
      },
    })) as Record<string, unknown> | null;
    if (!document) return null;
    return fillUrlTemplate(template, { ...document, commentId: comment.id });
  };

  const siteName = () => getConfig(strapi).mail.siteName;

  /** A reply's outbox message: `held` until the reply is approved. One per reply. */
  const announceReply = async (reply: CommentRow, answeredId: number, approved: boolean) => {
    const subscription = (await subscriptions().findOne({
      where: { commentId: answeredId, status: { $in: ['pending', 'active'] } },
    })) as SubscriptionRow | null;
    if (!subscription || subscription.authorKey === reply.authorKey) return;
    await outbox().enqueue({
      kind: 'reply',
      status: approved ? 'queued' : 'held',
      commentId: reply.id,
      recipientKey: subscription.authorKey,
      payload: { replyId: reply.id, answeredId },
      dedupeKey: `reply:${reply.id}`,
    });
  };

  /** Creates the subscription of a new comment; returns what the poster is told. */
  const subscribe = async (
    comment: CommentRow,
    subscriber: Subscriber
  ): Promise<NotificationState> => {
    if (subscriber.kind === 'user') {
      const account = await userEmail(subscriber.id);
      if (!account || account.blocked) return 'unavailable';
      if (account.confirmed) {
        await subscriptions().create({
          data: {
            commentId: comment.id,
            authorKey: `user:${subscriber.id}`,
            userId: subscriber.id,
            status: 'active',
            confirmedAt: new Date(),
          },
        });
        return 'subscribed';
      }
      // An account whose email is not confirmed: the same double opt-in as a guest's.
      return confirmAddress(comment, {
        email: account.email,
        authorKey: `user:${subscriber.id}`,
        userId: subscriber.id,
      });
    }
    if (subscriber.kind === 'verified') {
      await subscriptions().create({
        data: {
          commentId: comment.id,
          authorKey: subscriber.authorKey,
          email: subscriber.email,
          status: 'active',
          confirmedAt: new Date(),
        },
      });
      return 'subscribed';
    }
    return confirmAddress(comment, {
      email: subscriber.email,
      authorKey: subscriber.authorKey,
      userId: null,
    });
  };

  /** A pending subscription and its one confirmation message (limited per address). */
  const confirmAddress = async (
    comment: CommentRow,
    who: { email: string; authorKey: string; userId: number | null }
  ): Promise<NotificationState> => {
    const { confirmHours } = getConfig(strapi).subscriptions;
    if (!(await mail().allow('subscribe', who.authorKey))) return 'confirmation-limited';
    const token = newToken();
    const subscription = (await subscriptions().create({
      data: {
        commentId: comment.id,
        authorKey: who.authorKey,
        userId: who.userId,
        email: who.userId ? null : who.email,
        status: 'pending',
        confirmTokenHash: hashToken(token),
        confirmExpiresAt: new Date(Date.now() + confirmHours * 3_600_000),
      },
    })) as SubscriptionRow;
    await outbox().enqueue({
      kind: 'confirm',
      recipient: who.email,
      recipientKey: who.authorKey,
      commentId: comment.id,
      payload: { token, subscriptionId: subscription.id },
    });
    return 'confirmation-sent';
  };

  /** The subscription a confirmation token names, else 400/404/403 with a message. */
  const byConfirmToken = async (token: unknown): Promise<SubscriptionRow> => {
    if (typeof token !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(token))
      throw new errors.ValidationError('"token" must be the token of a confirmation link');
    const row = (await subscriptions().findOne({
      where: { confirmTokenHash: hashToken(token) },
    })) as SubscriptionRow | null;
    if (!row) throw new errors.NotFoundError('This confirmation link is not known (or was used)');
    if (row.status !== 'pending') throw forbidden('This confirmation link was already used');
    if (row.confirmExpiresAt && new Date(row.confirmExpiresAt).getTime() < Date.now())
      throw forbidden('This confirmation link has expired: subscribe again when you next comment');
    return row;
  };

  const service = {
    /**
     * After a new comment is stored, in its transaction: announces it to the subscriber of the comment it
     * answers (due now if it is public, else held for a moderator), and subscribes its author when asked.
     */
    async afterPost(
      comment: CommentRow,
      options: { answeredId?: number; subscriber?: Subscriber }
    ): Promise<NotificationState> {
      const on = mail().isOn();
      if (on && options.answeredId !== undefined)
        await announceReply(comment, options.answeredId, comment.status === 'approved');
      if (!options.subscriber) return null;
      if (!on) return 'unavailable';
      return subscribe(comment, options.subscriber);
    },

    /** After a moderator's decision on `ids`, in its transaction: held reply messages become due or are dropped. */
    async afterModeration(ids: number[], status: string): Promise<void> {
      await outbox().release(ids, status === 'approved');
    },

    /** Confirms the subscription a confirmation link names (double opt-in). */
    async confirm(token: unknown): Promise<LinkResult> {
      const row = await byConfirmToken(token);
      await subscriptions().update({
        where: { id: row.id },
        data: { status: 'active', confirmTokenHash: null, confirmedAt: new Date() },
      });
      return { data: { status: 'active', subscriptions: 1 } };
    },

    /** Checks a confirmation link without using it (the page a GET shows). */
    async checkConfirm(token: unknown): Promise<void> {
      await byConfirmToken(token);
    },

    /**
     * Stops every reply notification of the subscriber an unsubscribe link names (RFC 8058 one-click:
     * any later POST of the same link answers the same). 400 for a malformed or forged token, 404 when
     * the subscription no longer exists.
     */
    async unsubscribe(token: unknown, dryRun = false): Promise<LinkResult> {
      const id = readUnsubscribeToken(token, mail().linkKey());
      if (id === null) throw new errors.ValidationError('This unsubscribe link is not valid');
      const row = (await subscriptions().findOne({ where: { id } })) as SubscriptionRow | null;
      if (!row) throw new errors.NotFoundError('This subscription no longer exists');
      if (dryRun) return { data: { status: 'unsubscribed', subscriptions: 0 } };
      const { count } = (await subscriptions().updateMany({
        where: { authorKey: row.authorKey, status: { $in: ['active', 'pending'] } },
        data: { status: 'unsubscribed', unsubscribedAt: new Date(), confirmTokenHash: null },
      })) as { count: number };
      return { data: { status: 'unsubscribed', subscriptions: count } };
    },

    /** The subscriptions of `authorKey` (a data access request). */
    async of(authorKey: string) {
      const rows = (await subscriptions().findMany({
        where: { authorKey },
        orderBy: { id: 'asc' },
      })) as SubscriptionRow[];
      return rows.map((row) => ({
        commentId: row.commentId,
        status: row.status,
        createdAt: new Date(row.createdAt).toISOString(),
        confirmedAt: row.confirmedAt ? new Date(row.confirmedAt).toISOString() : null,
      }));
    },

    /**
     * Deletes pending subscriptions whose confirmation link expired, and unsubscribed ones older than
     * `mail.keepDays` (with the guest's address they hold).
     */
    async prune(now = Date.now()): Promise<void> {
      const cutoff = new Date(now - getConfig(strapi).mail.keepDays * 86_400_000);
      await subscriptions().deleteMany({
        where: {
          $or: [
            { status: 'pending', confirmExpiresAt: { $lt: new Date(now) } },
            { status: 'unsubscribed', unsubscribedAt: { $lt: cutoff } },
          ],
        },
      });
    },

    /** Deletes the subscriptions and pending messages of `authorKey` (an erasure request). */
    async forget(authorKey: string): Promise<void> {
      await subscriptions().deleteMany({ where: { authorKey } });
      await outbox().forget(authorKey);
    },

    /** What an outbox row sends, to whom; or why it is skipped (called by the sender, after the commit). */
    async render(row: OutboxRow): Promise<Rendered> {
      const payload = row.payload ?? {};
      if (row.kind === 'verify') {
        if (!row.recipient) return { send: false, reason: 'no recipient' };
        const { verifyUrl } = getConfig(strapi).links;
        const token = String(payload.token);
        return {
          send: true,
          to: row.recipient,
          message: verifyMail({
            siteName: siteName(),
            verifyUrl: verifyUrl
              ? withQuery(verifyUrl, { token })
              : mail().apiLink('/readers/verify/confirm', { token }),
            expiresMinutes: getConfig(strapi).verification.linkMinutes,
          }),
        };
      }
      if (row.kind === 'digest') {
        const to = Array.isArray(payload.to) ? (payload.to as string[]) : [];
        if (to.length === 0) return { send: false, reason: 'no recipients' };
        return {
          send: true,
          to,
          message: digestMail({
            siteName: siteName(),
            summary: payload.summary as DigestSummary,
            queueUrl: mail().queueLink('pending'),
          }),
        };
      }
      if (row.kind === 'confirm') {
        const subscription = (await subscriptions().findOne({
          where: { id: Number(payload.subscriptionId) },
        })) as SubscriptionRow | null;
        if (!subscription || subscription.status !== 'pending' || !row.recipient)
          return { send: false, reason: 'the subscription is no longer pending' };
        const comment = (await comments().findOne({
          where: { id: subscription.commentId },
        })) as CommentRow | null;
        return {
          send: true,
          to: row.recipient,
          message: confirmSubscriptionMail({
            siteName: siteName(),
            confirmUrl: mail().apiLink('/mail/subscriptions/confirm', {
              token: String(payload.token),
            }),
            commentExcerpt: excerpt(comment?.text ?? '', 200),
            expiresHours: getConfig(strapi).subscriptions.confirmHours,
          }),
        };
      }
      // A reply: checked again now, since anything may have changed since it was written.
      const reply = (await comments().findOne({
        where: { id: Number(payload.replyId) },
      })) as CommentRow | null;
      if (reply?.status === 'pending')
        return { send: false, reason: 'the reply waits for a moderator', hold: true };
      if (!reply || reply.status !== 'approved')
        return { send: false, reason: 'the reply is not public' };
      const answered = (await comments().findOne({
        where: { id: Number(payload.answeredId) },
      })) as CommentRow | null;
      const subscription = (await subscriptions().findOne({
        where: { commentId: Number(payload.answeredId) },
      })) as SubscriptionRow | null;
      if (!answered || !subscription || subscription.status !== 'active')
        return { send: false, reason: 'no active subscription' };
      if (subscription.authorKey === reply.authorKey)
        return { send: false, reason: "the subscriber's own reply" };
      let to = subscription.email;
      if (subscription.userId) {
        const account = await userEmail(subscription.userId);
        // Active means consented: a confirmed account email, or the confirmation link was opened.
        if (!account || account.blocked)
          return { send: false, reason: 'the account is gone or blocked' };
        to = account.email;
      }
      if (!to) return { send: false, reason: 'no address' };
      return {
        send: true,
        to,
        message: replyMail({
          siteName: siteName(),
          replierName: reply.authorName,
          replyText: reply.text,
          commentExcerpt: excerpt(answered.text, 200),
          threadUrl: await threadUrl(reply),
          unsubscribeUrl: mail().apiLink('/mail/subscriptions/unsubscribe', {
            token: unsubscribeToken(subscription.id, mail().linkKey()),
          }),
        }),
      };
    },
  };
  return service;
};

export type NotificationsService = ReturnType<typeof createNotificationsService>;
export default createNotificationsService;
