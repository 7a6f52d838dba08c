import { createHmac, randomBytes } from 'node:crypto';

/**
 * A visitor is known only by a keyed hash: HMAC-SHA256(secret of the day, ip, user agent, document,
 * action). The secret is random and rotated daily (Plausible's model), so yesterday's keys cannot be
 * recomputed from anything stored, and nothing reversible to an IP or a user agent is ever kept.
 */
export interface VisitorParts {
  ip: string;
  userAgent: string;
  uid: string;
  documentId: string;
  /** 'view' or 'share:<network>': a share does not use up the visitor's view. */
  action: string;
}

/** The visitor key for one action on one document (22 url-safe characters, 132 bits). */
export function visitorKey(secret: Buffer | string, parts: VisitorParts): string {
  return createHmac('sha256', secret)
    .update(`${parts.ip}\n${parts.userAgent}\n${parts.uid}\n${parts.documentId}\n${parts.action}`)
    .digest('base64url')
    .slice(0, 22);
}

/** A keyed hash of the client IP for the rate limiter's table, so that table holds no raw IP either. */
export function ipKey(secret: Buffer | string, ip: string): string {
  return createHmac('sha256', secret).update(`ip\n${ip}`).digest('base64url').slice(0, 16);
}

/** A fresh random secret (32 bytes, hex) for one day. */
export const newDailySecret = (): string => randomBytes(32).toString('hex');

const MS_PER_DAY = 86_400_000;

/**
 * The UTC day before `now`'s, as a day number (YYYYMMDD), while `now` is less than `windowMs` past
 * midnight, else null. A visitor seen at 23:59 is keyed with yesterday's secret: until the window has
 * passed, a repeat after midnight must be checked against that key too.
 */
export function previousDayInWindow(
  now: number,
  windowMs: number,
  dayNumber: (at: number) => number
): number | null {
  return now % MS_PER_DAY < windowMs ? dayNumber(now - MS_PER_DAY) : null;
}
