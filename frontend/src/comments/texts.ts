/**
 * What the comment section says, shared by the server-rendered page and the browser script so both
 * write the same words (the count after a post, the pending marker).
 */

export const EMPTY_STATE = 'There are no comments about this article, let us know what you think?';

export const ALTCHA_NOTICE =
  'This site is protected by a proof-of-work check (ALTCHA) that runs in your browser; no third party sees your visit.';

export const EMAIL_NOTE = 'Never shown to readers; only moderators see it.';

export const AWAITING_MODERATION = 'awaiting moderation';

const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' });

/** A comment's date as the page shows it ("Dec 3, 2026"), the same on the server and in the browser. */
export const formatDate = (iso: string): string => dateFormat.format(new Date(iso));

/** "1 comment", "3 comments". */
export const countLabel = (count: number): string =>
  `${count.toLocaleString('en')} ${count === 1 ? 'comment' : 'comments'}`;

/**
 * The plugin's honeypot field (`spam.honeypotField`, default `website`): people never see it, a robot
 * that fills every field gets its post refused.
 */
export const HONEYPOT_FIELD = 'website';

/** localStorage key of the edit tokens of this browser's comments. */
export const TOKENS_KEY = 'reader-comments:own';
