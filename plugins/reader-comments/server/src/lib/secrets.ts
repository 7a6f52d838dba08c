import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The secrets of guest commenting, pure: an edit token handed out once (only its hash is stored), and the
 * keyed hash that stands for a reader's IP address (the address itself is never stored).
 */

/** A new edit token: 32 random bytes, base64url (43 characters). */
export const newToken = (): string => randomBytes(32).toString('base64url');

/** What is stored for a token: its SHA-256, hex. */
export const hashToken = (token: string): string =>
  createHash('sha256').update(token).digest('hex');

/** Whether `token` is the one whose hash is `storedHash`, compared in constant time. */
export function tokenMatches(token: string, storedHash: string | null | undefined): boolean {
  if (!storedHash || typeof token !== 'string' || token.length === 0 || token.length > 200)
    return false;
  const given = Buffer.from(hashToken(token), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}

/**
 * The stand-in for a reader's address: HMAC-SHA-256 under a secret that rotates (and is deleted after the
 * retention period, which makes every hash made with it unlinkable to an address), hex, 32 characters.
 */
export const hashAddress = (address: string, secret: string): string =>
  createHmac('sha256', secret).update(address).digest('hex').slice(0, 32);
