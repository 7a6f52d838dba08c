import { randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { OUTBOX_UID } from '../content-types';
import { retryDelayMs, type MailMessage } from '../lib/mail';
import { errorMessage, getConfig, getService } from '../utils';

/** Kinds of message the outbox holds. */
export type OutboxKind = 'confirm' | 'reply' | 'verify' | 'digest';

/** `held`: waits for a moderator's approval of the reply it announces; `queued`: due at `nextAttemptAt`. */
export type OutboxStatus = 'held' | 'queued' | 'sent' | 'skipped' | 'failed';

/** An outbox row as stored. */
export interface OutboxRow {
  id: number;
  kind: OutboxKind;
  status: OutboxStatus;
  recipient: string | null;
  recipientKey: string | null;
  commentId: number | null;
  payload: Record<string, unknown> | null;
  attempts: number;
  dedupeKey: string | null;
}

/** A new message. */
export interface NewOutboxMessage {
  kind: OutboxKind;
  status?: 'held' | 'queued';
  recipient?: string | null;
  recipientKey?: string | null;
  commentId?: number | null;
  payload: Record<string, unknown>;
  dedupeKey?: string | null;
}

/** What rendering a row decided: a message to send (to whom), or a reason to skip it. */
export type Rendered =
  | { send: true; to: string | string[]; message: MailMessage }
  | { send: false; reason: string; hold?: boolean };

/**
 * The outbox: messages are written in the transaction of the change that causes them (so a rolled-back
 * change sends nothing) and sent after the commit by a loop each instance runs, never inside a request.
 * A message is claimed with an atomic conditional UPDATE that sets a lease (`claimedBy`, `claimedUntil`):
 * two instances never send one at the same time, and a crashed sender's messages come back when its lease
 * ends. A failure is retried with exponential backoff and logged; after `mail.maxAttempts` the message is
 * `failed` and logged as an error.
 */
const createOutboxService = ({ strapi }: { strapi: Core.Strapi }) => {
  const rows = () => strapi.db.query(OUTBOX_UID as never);
  const instance = randomBytes(8).toString('hex');
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let nudged: NodeJS.Timeout | null = null;
  let stopped = true;
  let prunedAt = 0;

  /** Claims up to `batchSize` due messages for this instance; returns those it got. */
  const claim = async (now: Date): Promise<OutboxRow[]> => {
    const { batchSize, leaseSeconds } = getConfig(strapi).mail;
    const free = { $or: [{ claimedUntil: { $null: true } }, { claimedUntil: { $lt: now } }] };
    const due = (await rows().findMany({
      select: ['id'],
      where: { status: 'queued', nextAttemptAt: { $lte: now }, ...free },
      orderBy: { id: 'asc' },
      limit: batchSize,
    })) as Array<{ id: number }>;
    const claimed: number[] = [];
    for (const { id } of due) {
      // The UPDATE's WHERE repeats the conditions: of two instances racing for a row, one changes it.
      const { count } = (await rows().updateMany({
        where: { id, status: 'queued', ...free },
        data: { claimedBy: instance, claimedUntil: new Date(now.getTime() + leaseSeconds * 1000) },
      })) as { count: number };
      if (count === 1) claimed.push(id);
    }
    if (claimed.length === 0) return [];
    return (await rows().findMany({
      where: { id: { $in: claimed }, claimedBy: instance },
      orderBy: { id: 'asc' },
    })) as OutboxRow[];
  };

  const finish = (row: OutboxRow, data: Record<string, unknown>) =>
    rows().updateMany({
      where: { id: row.id, claimedBy: instance },
      data: { claimedBy: null, claimedUntil: null, ...data },
    });

  /** Renders and sends one claimed message; records the outcome. */
  const deliver = async (row: OutboxRow): Promise<void> => {
    const { maxAttempts, retrySeconds } = getConfig(strapi).mail;
    let rendered: Rendered;
    try {
      rendered = await getService(strapi, 'notifications').render(row);
    } catch (error) {
      rendered = { send: false, reason: `could not be prepared: ${errorMessage(error)}` };
      strapi.log.error(
        `[reader-comments] outbox message ${row.id} (${row.kind}) could not be prepared: ${errorMessage(error)}`
      );
    }
    if (!rendered.send && rendered.hold) {
      // Its reply waits for a moderator again (hidden by reports, or edited into a hold): so does it.
      await finish(row, { status: 'held' });
      return;
    }
    if (!rendered.send) {
      await finish(row, {
        status: 'skipped',
        lastError: rendered.reason,
        payload: null,
        recipient: null,
      });
      return;
    }
    const attempt = row.attempts + 1;
    try {
      await getService(strapi, 'mail').send(rendered.to, rendered.message);
      await finish(row, {
        status: 'sent',
        attempts: attempt,
        sentAt: new Date(),
        payload: null,
        recipient: null,
        lastError: null,
      });
    } catch (error) {
      const message = errorMessage(error).slice(0, 1000);
      if (attempt >= maxAttempts) {
        strapi.log.error(
          `[reader-comments] gave up on outbox message ${row.id} (${row.kind}) after ${attempt} attempts: ${message}`
        );
        await finish(row, { status: 'failed', attempts: attempt, lastError: message });
        return;
      }
      const delay = retryDelayMs(attempt, retrySeconds);
      strapi.log.warn(
        `[reader-comments] sending outbox message ${row.id} (${row.kind}) failed (attempt ${attempt} of ${maxAttempts}), retrying in ${Math.round(delay / 1000)} s: ${message}`
      );
      await finish(row, {
        status: 'queued',
        attempts: attempt,
        lastError: message,
        nextAttemptAt: new Date(Date.now() + delay),
      });
    }
  };

  /**
   * Deletes finished messages older than `mail.keepDays`, and the expired personal data of subscriptions
   * and verifications (at most once an hour per instance).
   */
  const prune = async (now: number): Promise<void> => {
    if (now - prunedAt < 3_600_000) return;
    prunedAt = now;
    const cutoff = new Date(now - getConfig(strapi).mail.keepDays * 86_400_000);
    await rows().deleteMany({
      where: { status: { $in: ['sent', 'skipped', 'failed'] }, updatedAt: { $lt: cutoff } },
    });
    await getService(strapi, 'notifications').prune(now);
    await getService(strapi, 'readers').prune(now);
  };

  /** One pass: the digest if one is due, then every due message, then pruning. */
  const pass = async (): Promise<void> => {
    try {
      await getService(strapi, 'digest').enqueueIfDue();
    } catch (error) {
      strapi.log.error(`[reader-comments] the moderator digest failed: ${errorMessage(error)}`);
    }
    for (;;) {
      if (stopped) return;
      const claimed = await claim(new Date());
      for (const row of claimed) {
        try {
          await deliver(row);
        } catch (error) {
          // The outcome could not be recorded (database down): the lease lets it come back later.
          strapi.log.error(
            `[reader-comments] outbox message ${row.id} (${row.kind}): ${errorMessage(error)}`
          );
        }
      }
      if (claimed.length < getConfig(strapi).mail.batchSize) break;
    }
    await prune(Date.now());
  };

  const tick = (): Promise<void> => {
    if (running) return running;
    running = pass()
      .catch((error: unknown) => {
        strapi.log.error(`[reader-comments] the email sender failed: ${errorMessage(error)}`);
      })
      .finally(() => {
        running = null;
      });
    return running;
  };

  return {
    /**
     * Adds a message in the caller's transaction (Strapi's queries join it). With a `dedupeKey` that
     * exists already, adds nothing and answers false.
     */
    async enqueue(message: NewOutboxMessage): Promise<boolean> {
      if (message.dedupeKey) {
        const existing = await rows().findOne({
          select: ['id'],
          where: { dedupeKey: message.dedupeKey },
        });
        if (existing) return false;
      }
      await rows().create({
        data: {
          kind: message.kind,
          status: message.status ?? 'queued',
          recipient: message.recipient ?? null,
          recipientKey: message.recipientKey ?? null,
          commentId: message.commentId ?? null,
          payload: message.payload,
          attempts: 0,
          nextAttemptAt: new Date(),
          dedupeKey: message.dedupeKey ?? null,
        },
      });
      return true;
    },

    /** Held messages about `commentIds` become due (their comment was approved), or are dropped (it was not). */
    async release(commentIds: number[], approved: boolean): Promise<void> {
      if (commentIds.length === 0) return;
      await rows().updateMany({
        where: { commentId: { $in: commentIds }, status: 'held' },
        data: approved
          ? { status: 'queued', nextAttemptAt: new Date() }
          : { status: 'skipped', payload: null, recipient: null },
      });
    },

    /** Deletes every message to `recipientKey` (an erasure request). */
    async forget(recipientKey: string): Promise<void> {
      await rows().deleteMany({ where: { recipientKey } });
    },

    /** Starts the sender loop (plugin bootstrap); does nothing when email is off. */
    start(): void {
      if (timer || !getService(strapi, 'mail').isOn()) return;
      stopped = false;
      const every = Math.round(getConfig(strapi).mail.pollSeconds * 1000);
      timer = setInterval(() => void tick(), every);
      timer.unref();
    },

    /** Sends what is due soon after the current transaction commits, rather than at the next poll. */
    nudge(): void {
      if (stopped || nudged) return;
      nudged = setTimeout(() => {
        nudged = null;
        void tick();
      }, 50);
      nudged.unref();
    },

    /** Stops the loop and waits for a pass under way (plugin destroy). */
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearInterval(timer);
      if (nudged) clearTimeout(nudged);
      timer = null;
      nudged = null;
      if (running) await running;
    },
  };
};

export type OutboxService = ReturnType<typeof createOutboxService>;
export default createOutboxService;
