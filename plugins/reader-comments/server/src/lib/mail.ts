import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The plugin's emails, pure: what each message says (subject, text, HTML), the one-click unsubscribe
 * headers (RFC 8058), the unsubscribe token (an HMAC, so a link works for as long as the subscription
 * exists without storing anything), the retry schedule, and link building. No Strapi in sight.
 */

/** A message as the email plugin's `send` takes it. */
export interface MailMessage {
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
}

/** The waiting comments a moderator digest lists, per reason (`heldBy`; `other` for none). */
export interface DigestSummary {
  total: number;
  /** Held since the previous digest. */
  fresh: number;
  byReason: Record<string, number>;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** `value` safe inside HTML text and attribute values. */
export const escapeHtml = (value: string): string =>
  value.replace(/[&<>"']/g, (char) => ESCAPES[char] as string);

/** At most `max` characters of `text` on one line, with an ellipsis when cut. */
export function excerpt(text: string, max = 280): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  return chars.length <= max ? flat : `${chars.slice(0, max - 1).join('')}…`;
}

const paragraphs = (lines: string[]): string =>
  lines.map((line) => `<p>${escapeHtml(line).replace(/\n/g, '<br>')}</p>`).join('\n');

const link = (href: string, label: string): string =>
  `<a href="${escapeHtml(href)}">${escapeHtml(label)}</a>`;

/** `url` with `params` added to its query (keeps what it has, and its fragment). */
export function withQuery(url: string, params: Record<string, string>): string {
  const hash = url.indexOf('#');
  const base = hash === -1 ? url : url.slice(0, hash);
  const fragment = hash === -1 ? '' : url.slice(hash);
  const query = new URLSearchParams(params).toString();
  return `${base}${base.includes('?') ? '&' : '?'}${query}${fragment}`;
}

/**
 * A document's public URL from a template such as `https://example.com/articles/{slug}#comment-{commentId}`:
 * each `{name}` is replaced by the URL-encoded value of that field (null when one is missing, so no
 * broken link is sent).
 */
export function fillUrlTemplate(template: string, values: Record<string, unknown>): string | null {
  let missing = false;
  const url = template.replace(/\{([A-Za-z0-9_]+)\}/g, (_match, name: string) => {
    const value = values[name];
    if (value === undefined || value === null || value === '') {
      missing = true;
      return '';
    }
    return encodeURIComponent(String(value));
  });
  return missing ? null : url;
}

/** RFC 2369 and RFC 8058 headers: mail clients show an "Unsubscribe" button that POSTs to `url`. */
export const unsubscribeHeaders = (url: string): Record<string, string> => ({
  'List-Unsubscribe': `<${url}>`,
  'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
});

/**
 * The token of an unsubscribe link: `<subscription id>.<HMAC-SHA-256 of it under key, base64url, 32 chars>`.
 * Unguessable without the key, checkable without storing anything, valid as long as the subscription.
 */
export function unsubscribeToken(subscriptionId: number, key: string): string {
  const mac = createHmac('sha256', key)
    .update(`unsubscribe:${subscriptionId}`)
    .digest('base64url')
    .slice(0, 32);
  return `${subscriptionId}.${mac}`;
}

/** The subscription id an unsubscribe token names when its HMAC is right, else null. */
export function readUnsubscribeToken(token: unknown, key: string): number | null {
  if (typeof token !== 'string' || token.length > 60) return null;
  const match = /^([1-9][0-9]{0,14})\.([A-Za-z0-9_-]{32})$/.exec(token);
  if (!match) return null;
  const id = Number(match[1]);
  const expected = Buffer.from(unsubscribeToken(id, key));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given) ? id : null;
}

/**
 * Milliseconds to wait before attempt `attempt + 1` after `attempt` failures: `baseSeconds` doubled per
 * failure, at most an hour, plus up to 10 % jitter (`random` in [0, 1)) so instances do not retry in step.
 */
export function retryDelayMs(attempt: number, baseSeconds: number, random = Math.random()): number {
  const delay = Math.min(3_600_000, baseSeconds * 1000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(delay * (1 + 0.1 * random));
}

/** The digest period `now` falls in (its number since the epoch); one digest per period at most. */
export const digestPeriod = (now: number, everyMinutes: number): number =>
  Math.floor(now / Math.max(1, Math.round(everyMinutes * 60_000)));

/** The double opt-in message: nothing but a link to confirm the subscription. */
export function confirmSubscriptionMail(input: {
  siteName: string;
  confirmUrl: string;
  commentExcerpt: string;
  expiresHours: number;
}): MailMessage {
  const lines = [
    `Someone (hopefully you) asked to be told by email about replies to this comment on ${input.siteName}:`,
    `“${input.commentExcerpt}”`,
    `Confirm within ${input.expiresHours} hours to receive them:`,
  ];
  const ignore =
    'If you did not ask for this, ignore this message: nothing else will be sent to this address.';
  return {
    subject: `Confirm reply notifications from ${input.siteName}`,
    text: [...lines, input.confirmUrl, '', ignore].join('\n\n'),
    html: `${paragraphs(lines)}\n<p>${link(input.confirmUrl, 'Confirm reply notifications')}</p>\n${paragraphs([ignore])}`,
  };
}

/** A reply notification. It names the replier by display name only, and carries one-click unsubscribe. */
export function replyMail(input: {
  siteName: string;
  replierName: string;
  replyText: string;
  commentExcerpt: string;
  threadUrl: string | null;
  unsubscribeUrl: string;
}): MailMessage {
  const lines = [
    `${input.replierName || 'Someone'} replied to your comment on ${input.siteName}:`,
    `“${input.commentExcerpt}”`,
    input.replyText,
  ];
  const stop = 'You get this because you asked to be told about replies.';
  return {
    subject: `New reply to your comment on ${input.siteName}`,
    text: [
      ...lines,
      ...(input.threadUrl ? [`Read and answer: ${input.threadUrl}`] : []),
      '--',
      `${stop} Unsubscribe: ${input.unsubscribeUrl}`,
    ].join('\n\n'),
    html: [
      paragraphs(lines),
      input.threadUrl ? `<p>${link(input.threadUrl, 'Read and answer')}</p>` : '',
      `<hr>\n<p>${escapeHtml(stop)} ${link(input.unsubscribeUrl, 'Unsubscribe')}</p>`,
    ]
      .filter(Boolean)
      .join('\n'),
    headers: unsubscribeHeaders(input.unsubscribeUrl),
  };
}

/** The magic link that verifies a guest's address. */
export function verifyMail(input: {
  siteName: string;
  verifyUrl: string;
  expiresMinutes: number;
}): MailMessage {
  const lines = [
    `Open this link within ${input.expiresMinutes} minutes to confirm your email address for comments on ${input.siteName}.`,
    'It signs this browser in as a verified commenter: you can then post, get reply notifications, and download or erase your comments.',
  ];
  const ignore = 'If you did not ask for it, ignore this message.';
  return {
    subject: `Your sign-in link for comments on ${input.siteName}`,
    text: [...lines, input.verifyUrl, '', ignore].join('\n\n'),
    html: `${paragraphs(lines)}\n<p>${link(input.verifyUrl, 'Confirm my email address')}</p>\n${paragraphs([ignore])}`,
  };
}

/** What waits for moderators: counts per reason and a link to the queue; one message per period. */
export function digestMail(input: {
  siteName: string;
  summary: DigestSummary;
  queueUrl: string;
  reasonLabels?: Record<string, string>;
}): MailMessage {
  const { summary } = input;
  const reasons = Object.entries(summary.byReason)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([reason, count]) => `${input.reasonLabels?.[reason] ?? reason}: ${count}`);
  const head = `${summary.total} comment${summary.total === 1 ? '' : 's'} wait${summary.total === 1 ? 's' : ''} for a moderator on ${input.siteName} (${summary.fresh} new since the last digest).`;
  return {
    subject: `${summary.total} comment${summary.total === 1 ? '' : 's'} waiting for moderation on ${input.siteName}`,
    text: [head, reasons.map((line) => `- ${line}`).join('\n'), `Queue: ${input.queueUrl}`].join(
      '\n\n'
    ),
    html: `${paragraphs([head])}\n<ul>${reasons.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>\n<p>${link(input.queueUrl, 'Open the queue')}</p>`,
  };
}
