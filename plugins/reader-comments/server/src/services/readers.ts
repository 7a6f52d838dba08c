import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { COMMENT_UID, READER_UID } from '../content-types';
import { authorKeyFor } from '../lib/author-key';
import { forbidden } from '../lib/errors';
import { hashToken, newToken } from '../lib/secrets';
import { getConfig, getService } from '../utils';

/** A guest whose address a magic link verified, as a reader token identifies them. */
export interface VerifiedReader {
  email: string;
  /** As comments' `authorKey`: `email:<hash>`. */
  authorKey: string;
}

/** A verification as stored. */
export interface ReaderRow {
  id: number;
  emailKey: string;
  email: string;
  linkExpiresAt: string | Date;
  usedAt: string | Date | null;
  readerTokenHash: string | null;
  readerExpiresAt: string | Date | null;
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,189}\.[^\s@]{2,}$/;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Verified guests: a guest asks for a magic link (`POST /verify`), opening it proves the address and
 * yields a reader token (random, only its SHA-256 stored, long-lived) that the frontend keeps and sends as
 * `X-Reader-Token` to post as that verified guest, subscribe without another confirmation, and export or
 * erase their own data. Blocking by email (the author key) applies to verified guests as to any guest.
 */
const createReadersService = ({ strapi }: { strapi: Core.Strapi }) => {
  const readers = () => strapi.db.query(READER_UID as never);

  return {
    /**
     * Writes a magic link for `email` to the outbox, unless the address asked too often (then nothing
     * is sent and the answer is the same: it never tells whether an address is known).
     */
    async requestLink(rawEmail: unknown): Promise<void> {
      if (
        typeof rawEmail !== 'string' ||
        rawEmail.trim().length > 254 ||
        !EMAIL.test(rawEmail.trim())
      )
        throw new errors.ValidationError('"email" must be a valid email address');
      const email = rawEmail.trim();
      const emailKey = authorKeyFor({ email });
      if (!(await getService(strapi, 'mail').allow('verify', emailKey))) {
        strapi.log.info(
          '[reader-comments] a verification link was not sent: too many asked for one address'
        );
        return;
      }
      const { linkMinutes } = getConfig(strapi).verification;
      const token = newToken();
      await strapi.db.transaction(async ({ onCommit }) => {
        await readers().create({
          data: {
            emailKey,
            email,
            linkTokenHash: hashToken(token),
            linkExpiresAt: new Date(Date.now() + linkMinutes * 60_000),
          },
        });
        await getService(strapi, 'outbox').enqueue({
          kind: 'verify',
          recipient: email,
          recipientKey: emailKey,
          payload: { token },
        });
        onCommit(() => getService(strapi, 'outbox').nudge());
      });
    },

    /** Checks a magic link's token without using it (400 malformed, 404 unknown, 403 used or expired). */
    async checkLink(token: unknown): Promise<ReaderRow> {
      if (typeof token !== 'string' || !TOKEN.test(token))
        throw new errors.ValidationError('"token" must be the token of a verification link');
      const row = (await readers().findOne({
        where: { linkTokenHash: hashToken(token) },
      })) as ReaderRow | null;
      if (!row) throw new errors.NotFoundError('This verification link is not known');
      if (row.usedAt) throw forbidden('This verification link was already used: ask for a new one');
      if (new Date(row.linkExpiresAt).getTime() < Date.now())
        throw forbidden('This verification link has expired: ask for a new one');
      return row;
    },

    /** Uses a magic link (once): the answer holds the reader token, shown this once. */
    async confirmLink(
      token: unknown
    ): Promise<{ data: { readerToken: string; expiresAt: string } }> {
      const row = await this.checkLink(token);
      const readerToken = newToken();
      const expiresAt = new Date(
        Date.now() + getConfig(strapi).verification.readerTokenDays * 86_400_000
      );
      // The WHERE on usedAt makes a link usable once even when two requests race.
      const { count } = (await readers().updateMany({
        where: { id: row.id, usedAt: { $null: true } },
        data: {
          usedAt: new Date(),
          readerTokenHash: hashToken(readerToken),
          readerExpiresAt: expiresAt,
        },
      })) as { count: number };
      if (count !== 1)
        throw forbidden('This verification link was already used: ask for a new one');
      return { data: { readerToken, expiresAt: expiresAt.toISOString() } };
    },

    /**
     * The verified guest an `X-Reader-Token` names; 400 when it is malformed, 403 when it is unknown,
     * revoked (an erasure) or expired.
     */
    async identify(token: string): Promise<VerifiedReader> {
      if (!TOKEN.test(token)) throw new errors.ValidationError('X-Reader-Token is malformed');
      const row = (await readers().findOne({
        where: { readerTokenHash: hashToken(token) },
      })) as ReaderRow | null;
      if (!row || !row.readerExpiresAt)
        throw forbidden('This reader token is not valid: verify your email address again');
      if (new Date(row.readerExpiresAt).getTime() < Date.now())
        throw forbidden('This reader token has expired: verify your email address again');
      return { email: row.email, authorKey: row.emailKey };
    },

    /** Everything the plugin keeps about a verified guest: their comments, subscriptions and address. */
    async exportOwn(reader: VerifiedReader) {
      const exported = await getService(strapi, 'personal-data').export({ email: reader.email });
      const verifications = (await readers().findMany({
        where: { emailKey: reader.authorKey },
        orderBy: { id: 'asc' },
      })) as Array<ReaderRow & { createdAt: string | Date }>;
      return {
        data: {
          email: reader.email,
          ...exported.data,
          subscriptions: await getService(strapi, 'notifications').of(reader.authorKey),
          verifications: verifications.map((row) => ({
            requestedAt: new Date(row.createdAt).toISOString(),
            usedAt: row.usedAt ? new Date(row.usedAt).toISOString() : null,
            tokenExpiresAt: row.readerExpiresAt
              ? new Date(row.readerExpiresAt).toISOString()
              : null,
          })),
        },
      };
    },

    /**
     * Erases a verified guest's data: their comments as a moderator's erasure does (others' replies keep
     * their place), their subscriptions and pending messages, and every reader token of the address.
     */
    async eraseOwn(reader: VerifiedReader): Promise<{ data: { erased: number } }> {
      // One transaction: the erasure's own joins it (Strapi nests by reusing the outer one).
      return strapi.db.transaction(async () => {
        const own = (await strapi.db
          .query(COMMENT_UID as never)
          .count({ where: { authorKey: reader.authorKey } })) as number;
        const result =
          own > 0
            ? await getService(strapi, 'personal-data').erase(
                { email: reader.email },
                { id: 0, name: 'the commenter (self-service request)' }
              )
            : { data: { erased: 0 } };
        await getService(strapi, 'notifications').forget(reader.authorKey);
        await readers().deleteMany({ where: { emailKey: reader.authorKey } });
        return result;
      });
    },

    /** Deletes the verification rows of `authorKey` (an erasure by a moderator). */
    async forget(authorKey: string): Promise<void> {
      await readers().deleteMany({ where: { emailKey: authorKey } });
    },

    /** Deletes magic links never used and expired for a day, and expired reader tokens. */
    async prune(now = Date.now()): Promise<void> {
      const dayAgo = new Date(now - 86_400_000);
      await readers().deleteMany({
        where: {
          $or: [
            { usedAt: { $null: true }, linkExpiresAt: { $lt: dayAgo } },
            { readerExpiresAt: { $lt: new Date(now) } },
          ],
        },
      });
    },
  };
};

export type ReadersService = ReturnType<typeof createReadersService>;
export default createReadersService;
