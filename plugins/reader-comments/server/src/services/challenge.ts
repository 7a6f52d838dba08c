import { createHash, createHmac } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { createChallenge, randomInt, verifySolution, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { NONCE_UID } from '../content-types';
import type { Subject } from './subjects';
import { errorMessage, getConfig, getService } from '../utils';

/** What a post sends besides its text, bound into a challenge when the form asked for it. */
export interface BoundFields {
  name: string;
  email: string;
  text: string;
}

/**
 * The hash a form puts in `?fields=` when it asks for a challenge at submit time, binding the solution to
 * what it sends: SHA-256, hex, of `JSON.stringify([name, email, text])` over the exact strings posted
 * (empty strings for a signed-in author's name and email).
 */
export const fieldsHash = (fields: BoundFields): string =>
  createHash('sha256')
    .update(JSON.stringify([fields.name, fields.email, fields.text]))
    .digest('hex');

const subjectKey = (subject: Subject) => `${subject.uid}|${subject.documentId}|${subject.locale}`;

/** What the challenge's signed data carries: the document, when it was issued, and optionally the fields hash. */
interface ChallengeData {
  s: string;
  t: number;
  f?: string;
}

/**
 * ALTCHA proof of work, self-hosted: no visitor data leaves the site. A challenge is signed with a key
 * derived from the app's keys (the same on every instance), names the document it is for and when it was
 * issued, expires, and is accepted once: its nonce is stored (Redis `SET NX`, or a unique row) until it
 * expires, so a replay fails on any instance.
 */
const createChallengeService = ({ strapi }: { strapi: Core.Strapi }) => {
  const keys = (): { signature: string; key: string } => {
    const appKeys = (strapi.config.get('server.app.keys') as string[] | undefined) ?? [];
    if (appKeys.length === 0)
      throw new Error('server.app.keys is empty: challenges cannot be signed');
    const derive = (purpose: string) =>
      createHmac('sha256', appKeys.join(',')).update(`reader-comments:${purpose}`).digest('hex');
    return { signature: derive('altcha-signature'), key: derive('altcha-key') };
  };

  /** Records a challenge's nonce as used; false when it already was (a replay). */
  const useOnce = async (nonce: string, expiresAt: number): Promise<boolean> => {
    const redis = getService(strapi, 'redis').client();
    const ttlSeconds = Math.max(1, Math.ceil(expiresAt - Date.now() / 1000));
    if (redis) return (await redis.set(`altcha:${nonce}`, '1', 'EX', ttlSeconds, 'NX')) === 'OK';
    const nonces = strapi.db.query(NONCE_UID as never);
    try {
      await nonces.create({ data: { value: nonce, expiresAt } });
    } catch (error) {
      if (await nonces.findOne({ where: { value: nonce } })) return false;
      throw error;
    }
    // Expired nonces can never be replayed (their challenge is refused as expired): drop them now and then.
    if (Math.random() < 0.01) {
      nonces
        .deleteMany({ where: { expiresAt: { $lt: Math.floor(Date.now() / 1000) } } })
        .catch((cleanup: unknown) => {
          strapi.log.warn(
            `[reader-comments] could not delete expired challenge nonces: ${errorMessage(cleanup)}`
          );
        });
    }
    return true;
  };

  return {
    /** A new challenge for a post on `subject`; `fields` (a {@link fieldsHash}) binds it to the form's content. */
    async create(subject: Subject, fields?: string): Promise<Challenge> {
      const { altcha } = getConfig(strapi).spam;
      const { signature, key } = keys();
      const data: ChallengeData = {
        s: subjectKey(subject),
        t: Date.now(),
        ...(fields ? { f: fields } : {}),
      };
      return createChallenge({
        algorithm: 'PBKDF2/SHA-256',
        cost: altcha.cost,
        counter: randomInt(altcha.maxNumber),
        deriveKey,
        hmacSignatureSecret: signature,
        hmacKeySignatureSecret: key,
        expiresAt: new Date(Date.now() + altcha.expiresSeconds * 1000),
        data: data as unknown as Record<string, string | number>,
      });
    },

    /**
     * Checks a post's ALTCHA payload (the widget's base64 JSON of `{ challenge, solution }`) for `subject`
     * and `fields`, and uses it up. Returns when the challenge was issued (the form's fill time starts
     * there). Throws a 400 naming what is wrong: missing, malformed, expired, forged, unsolved, for another
     * document, for other fields, or already used.
     */
    async verify(
      payload: unknown,
      subject: Subject,
      fields: BoundFields
    ): Promise<{ issuedAt: number }> {
      if (typeof payload !== 'string' || payload.length === 0)
        throw new errors.ValidationError(
          'The anti-spam check is missing: solve the challenge and send its payload as "altcha"'
        );
      if (payload.length > 20_000)
        throw new errors.ValidationError('The anti-spam payload is too long');
      let parsed: { challenge?: Challenge; solution?: unknown };
      try {
        parsed = JSON.parse(Buffer.from(payload, 'base64').toString('utf8')) as typeof parsed;
      } catch {
        throw new errors.ValidationError(
          'The anti-spam payload is not valid (expected base64 JSON of { challenge, solution })'
        );
      }
      if (
        !parsed?.challenge?.parameters ||
        !parsed.solution ||
        typeof parsed.solution !== 'object'
      ) {
        throw new errors.ValidationError(
          'The anti-spam payload is not valid (expected base64 JSON of { challenge, solution })'
        );
      }
      const { signature, key } = keys();
      let result: Awaited<ReturnType<typeof verifySolution>>;
      try {
        result = await verifySolution({
          challenge: parsed.challenge,
          solution: parsed.solution as Parameters<typeof verifySolution>[0]['solution'],
          deriveKey,
          hmacSignatureSecret: signature,
          hmacKeySignatureSecret: key,
        });
      } catch (error) {
        throw new errors.ValidationError(
          `The anti-spam payload is not valid (${errorMessage(error)})`
        );
      }
      if (result.expired)
        throw new errors.ValidationError('The anti-spam challenge has expired: ask for a new one');
      if (!result.verified)
        throw new errors.ValidationError('The anti-spam challenge was not solved');
      const { parameters } = parsed.challenge;
      if (typeof parameters.nonce !== 'string' || !/^[0-9a-f]{8,64}$/i.test(parameters.nonce))
        throw new errors.ValidationError('The anti-spam challenge has no valid nonce');
      const data = (parameters.data ?? {}) as Partial<ChallengeData>;
      if (data.s !== subjectKey(subject))
        throw new errors.ValidationError('The anti-spam challenge was issued for another document');
      if (data.f !== undefined && data.f !== fieldsHash(fields))
        throw new errors.ValidationError(
          'The anti-spam challenge was solved for other form content'
        );
      if (typeof data.t !== 'number')
        throw new errors.ValidationError('The anti-spam challenge has no issue time');
      if (!(await useOnce(parameters.nonce, Number(parameters.expiresAt))))
        throw new errors.ValidationError(
          'The anti-spam challenge was already used: ask for a new one'
        );
      return { issuedAt: data.t };
    },
  };
};

export type ChallengeService = ReturnType<typeof createChallengeService>;
export default createChallengeService;
