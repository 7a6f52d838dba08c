import { find } from 'linkifyjs';

/**
 * Comment text is plain text: stored as the reader wrote it (normalized), never as HTML, and rendered here
 * to inert HTML (every character escaped, line breaks kept, web addresses made links that search engines
 * do not credit). Pure: no Strapi in sight.
 */

/** Control characters other than the line feed and tab, zero-width characters and bidirectional overrides. */
// eslint-disable-next-line no-control-regex
const INVISIBLE =
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

/** What a comment's text may be. */
export interface TextLimits {
  /** Characters after normalization. */
  minLength: number;
  maxLength: number;
}

/**
 * A comment's text as stored: Unicode NFC, Windows and old Mac line breaks as `\n`, invisible and
 * direction-changing characters removed (they hide text from moderators), trailing spaces cut, at most
 * two blank lines in a row, trimmed.
 */
export function normalizeText(input: string): string {
  return input
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(INVISIBLE, '')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{4,}/g, '\n\n\n')
    .trim();
}

/**
 * A display name as stored: NFC, invisible and direction-changing characters removed (a name must not
 * reverse the text after it or impersonate by hidden characters), runs of whitespace as one space.
 */
export function normalizeName(input: string): string {
  return input.normalize('NFC').replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
}

/** Why `text` does not fit the limits, or null when it does (`text` already normalized). */
export function textProblem(text: string, limits: TextLimits): string | null {
  const length = [...text].length;
  if (length < limits.minLength)
    return limits.minLength <= 1
      ? 'the comment is empty'
      : `the comment is shorter than ${limits.minLength} characters`;
  if (length > limits.maxLength)
    return `the comment is longer than ${limits.maxLength} characters (${length})`;
  return null;
}

/** A web address in a comment, where it is in the text. */
interface FoundLink {
  start: number;
  end: number;
  value: string;
  href: string;
}

/** The web addresses (http, https, or a bare `www.`/domain name) in `text`, in order. */
function webLinks(text: string): FoundLink[] {
  return find(text, 'url')
    .filter((link) => /^https?:\/\//i.test(link.href))
    .map((link) => ({ start: link.start, end: link.end, value: link.value, href: link.href }));
}

/** How many web addresses `text` holds (a comment with more than the configured number is held). */
export const countLinks = (text: string): number => webLinks(text).length;

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (char) => ESCAPES[char]);
const withBreaks = (escaped: string): string => escaped.replace(/\n/g, '<br>\n');

/**
 * A comment's text as HTML that cannot run or style anything: every character escaped, line breaks as
 * `<br>`, web addresses as `<a href rel="ugc nofollow noopener">` (user-generated: no ranking credit).
 */
export function renderHtml(text: string): string {
  const parts: string[] = [];
  let at = 0;
  for (const link of webLinks(text)) {
    parts.push(withBreaks(escapeHtml(text.slice(at, link.start))));
    parts.push(
      `<a href="${escapeHtml(link.href)}" rel="ugc nofollow noopener">${escapeHtml(link.value)}</a>`
    );
    at = link.end;
  }
  parts.push(withBreaks(escapeHtml(text.slice(at))));
  return parts.join('');
}
