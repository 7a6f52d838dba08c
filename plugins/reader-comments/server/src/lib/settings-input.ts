import type { WordLists } from './words';

/**
 * Checks of what admins send to the settings routes (word lists, pre-moderation rules): each either
 * returns the cleaned value or a message saying what is wrong, which the controller answers as a 400.
 * Pure: the schema checks that need Strapi (does the field exist, is it a relation) are the service's.
 */

/** Caps on what the settings store may grow to (it is read on every post). */
export const WORD_LIMITS = {
  /** Locales with their own lists (plus `*`). */
  locales: 50,
  /** Entries in one list. */
  entries: 1000,
  /** Characters of one entry (a word or a phrase). */
  entryLength: 100,
} as const;

export const RULE_LIMITS = {
  /** Rules in the list. */
  rules: 20,
  /** Related documents one rule names. */
  documentIds: 200,
} as const;

const LOCALE_KEY = /^(\*|[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3})$/;
const DOCUMENT_ID = /^[A-Za-z0-9_-]{1,64}$/;
const UID = /^(api|plugin)::[a-z0-9-]+\.[a-z0-9-]+$/;
const FIELD = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

type Checked<T> = { value: T } | { problem: string };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** One list of words: strings, trimmed, non-empty, each once (case-insensitive), within the caps. */
function checkList(where: string, list: unknown): Checked<string[]> {
  if (!Array.isArray(list)) return { problem: `${where} must be a list of words` };
  if (list.length > WORD_LIMITS.entries)
    return { problem: `${where} has ${list.length} entries (at most ${WORD_LIMITS.entries})` };
  const seen = new Set<string>();
  const words: string[] = [];
  for (const entry of list) {
    if (typeof entry !== 'string') return { problem: `${where} must hold only strings` };
    const word = entry.trim();
    if (word.length === 0) continue;
    if (word.length > WORD_LIMITS.entryLength)
      return {
        problem: `${where}: "${word.slice(0, 20)}…" is longer than ${WORD_LIMITS.entryLength} characters`,
      };
    const key = word.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    words.push(word);
  }
  return { value: words };
}

/**
 * The word lists an admin saves: `{ [locale or '*']: { banned: [], suspect: [] } }`. Blank entries and
 * repeats are dropped; a locale whose lists are both empty is left out.
 */
export function checkWordLists(input: unknown): Checked<Record<string, WordLists>> {
  if (!isObject(input))
    return {
      problem: 'The word lists must be an object: { "<locale or *>": { banned, suspect } }',
    };
  const locales = Object.keys(input);
  if (locales.length > WORD_LIMITS.locales)
    return { problem: `At most ${WORD_LIMITS.locales} locales may have word lists` };
  const result: Record<string, WordLists> = {};
  for (const locale of locales) {
    if (!LOCALE_KEY.test(locale))
      return { problem: `"${locale.slice(0, 40)}" is not a locale code (or "*" for every locale)` };
    const lists = input[locale];
    if (!isObject(lists)) return { problem: `${locale} must be { banned: [], suspect: [] }` };
    const unknown = Object.keys(lists).filter((key) => key !== 'banned' && key !== 'suspect');
    if (unknown.length > 0)
      return { problem: `${locale} may only have "banned" and "suspect" (not ${unknown[0]})` };
    const banned = checkList(`${locale}.banned`, lists.banned ?? []);
    if ('problem' in banned) return banned;
    const suspect = checkList(`${locale}.suspect`, lists.suspect ?? []);
    if ('problem' in suspect) return suspect;
    if (banned.value.length > 0 || suspect.value.length > 0)
      result[locale] = { banned: banned.value, suspect: suspect.value };
  }
  return { value: result };
}

/**
 * A pre-moderation rule on related documents: comments on a document of `contentType` wait for a
 * moderator when its relation `field` holds one of `documentIds` of `target` (an article's `tags`).
 */
export interface RelatedRule {
  contentType: string;
  field: string;
  target: string;
  documentIds: string[];
}

/** The shape of the rules an admin saves; whether the field is a relation to `target` is checked by the caller. */
export function checkRelatedRules(input: unknown): Checked<RelatedRule[]> {
  if (!Array.isArray(input))
    return { problem: 'The rules must be a list of { contentType, field, target, documentIds }' };
  if (input.length > RULE_LIMITS.rules)
    return { problem: `At most ${RULE_LIMITS.rules} pre-moderation rules` };
  const rules: RelatedRule[] = [];
  for (const [index, rule] of input.entries()) {
    const where = `Rule ${index + 1}`;
    if (!isObject(rule))
      return { problem: `${where} must be { contentType, field, target, documentIds }` };
    const { contentType, field, target, documentIds } = rule;
    if (typeof contentType !== 'string' || !UID.test(contentType))
      return { problem: `${where}: "contentType" must be a content type uid` };
    if (typeof field !== 'string' || !FIELD.test(field))
      return { problem: `${where}: "field" must be an attribute name` };
    if (typeof target !== 'string' || !UID.test(target))
      return { problem: `${where}: "target" must be a content type uid` };
    if (!Array.isArray(documentIds) || documentIds.length === 0)
      return { problem: `${where}: "documentIds" must list at least one documentId` };
    if (documentIds.length > RULE_LIMITS.documentIds)
      return {
        problem: `${where}: "documentIds" may list at most ${RULE_LIMITS.documentIds} documents`,
      };
    if (!documentIds.every((id) => typeof id === 'string' && DOCUMENT_ID.test(id)))
      return { problem: `${where}: "documentIds" holds something that is not a documentId` };
    rules.push({ contentType, field, target, documentIds: [...new Set(documentIds as string[])] });
  }
  return { value: rules };
}

/** The lists that apply to `locale`: the `*` lists and the locale's own, from `lists` (stored or configured). */
export function listsFor(lists: Record<string, WordLists>, locale: string): WordLists {
  const all = lists['*'] ?? { banned: [], suspect: [] };
  const own = lists[locale] ?? { banned: [], suspect: [] };
  return { banned: [...all.banned, ...own.banned], suspect: [...all.suspect, ...own.suspect] };
}
