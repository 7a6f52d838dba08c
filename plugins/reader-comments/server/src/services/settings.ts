import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { DOCUMENT_SETTING_UID, DOCUMENT_MODES, type DocumentMode } from '../content-types';
import {
  checkRelatedRules,
  checkWordLists,
  listsFor,
  type RelatedRule,
} from '../lib/settings-input';
import type { WordLists } from '../lib/words';
import { COMMENTS_CHANGED_EVENT, tableOf, type CommentsChanged } from './counts';
import type { Subject } from './subjects';
import { getConfig, PLUGIN_ID } from '../utils';

/**
 * How long this instance trusts its copy of the stored settings (word lists, rules). Saving empties the
 * copy of the instance that saved at once; other instances read the store again within this time (the
 * plugin's Redis, when configured, is used for nonces and rate limits only: a short re-read is simpler
 * and correct without it).
 */
export const SETTINGS_TTL_MS = 10_000;

/** Keys in the plugin store (`strapi.store`, type `plugin`, name `reader-comments`). */
const WORDS_KEY = 'words';
const RULES_KEY = 'pre-moderation-rules';

/** The word lists in force and where they come from (`config`: never saved in the admin). */
export interface StoredWords {
  words: Record<string, WordLists>;
  source: 'config' | 'admin';
}

/** A related document an admin can pick in a rule (an article's tag). */
export interface RelatedOption {
  documentId: string;
  label: string;
}

/** Attributes whose value names a document well enough for a picker. */
const LABEL_ATTRIBUTES = ['name', 'title', 'label', 'slug'];

/**
 * The settings admins change at run time: per-document modes (open, pre-moderated, closed, in the
 * plugin's table), pre-moderation rules on related documents (an article's tags) and word lists per
 * locale (in the plugin store; the config's `words` are the starting lists until an admin saves).
 */
const createSettingsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const cache = new Map<string, { value: unknown; until: number }>();
  const store = (key: string) => strapi.store({ type: 'plugin', name: PLUGIN_ID, key });

  /** The stored value of `key` (null: never saved), from this instance's copy while it is fresh. */
  const readStored = async <T>(key: string): Promise<T | null> => {
    const cached = cache.get(key);
    if (cached && cached.until > Date.now()) return cached.value as T | null;
    const value = ((await store(key).get({})) as T | null | undefined) ?? null;
    cache.set(key, { value, until: Date.now() + SETTINGS_TTL_MS });
    return value;
  };

  const writeStored = async (key: string, value: unknown) => {
    await store(key).set({ value });
    cache.set(key, { value, until: Date.now() + SETTINGS_TTL_MS });
  };

  const relationOf = (contentType: string, field: string) =>
    (
      strapi.contentType(contentType as never) as
        | { attributes?: Record<string, { type?: string; target?: string }> }
        | undefined
    )?.attributes?.[field];

  const service = {
    /** The mode of one document (every locale); `open` when none was set. */
    async documentMode(uid: string, documentId: string): Promise<DocumentMode> {
      const row = (await strapi.db
        .query(DOCUMENT_SETTING_UID as never)
        .findOne({ select: ['mode'], where: { subjectType: uid, subjectId: documentId } })) as {
        mode: DocumentMode;
      } | null;
      return row?.mode ?? 'open';
    },

    /** Sets the mode of one document (an upsert: two admins saving at once leave one row). */
    async setDocumentMode(
      uid: string,
      documentId: string,
      mode: unknown,
      moderator: string
    ): Promise<DocumentMode> {
      if (typeof mode !== 'string' || !DOCUMENT_MODES.includes(mode as DocumentMode))
        throw new errors.ValidationError(`"mode" must be one of ${DOCUMENT_MODES.join(', ')}`);
      const s = tableOf(strapi, DOCUMENT_SETTING_UID);
      const now = new Date();
      await strapi.db
        .connection(s.table)
        .insert({
          [s.column('subjectType')]: uid,
          [s.column('subjectId')]: documentId,
          [s.column('mode')]: mode,
          [s.column('moderator')]: moderator,
          [s.column('createdAt')]: now,
          [s.column('updatedAt')]: now,
        })
        .onConflict([s.column('subjectType'), s.column('subjectId')])
        .merge([s.column('mode'), s.column('moderator'), s.column('updatedAt')]);
      // Threads now answer another `closed`: a response cache drops what it holds of the document.
      const changed: CommentsChanged = { uid, documentId, locale: '' };
      await strapi.eventHub.emit(COMMENTS_CHANGED_EVENT, changed);
      return mode as DocumentMode;
    },

    /** The word lists in force: the admin's saved lists, else the config's `words`. */
    async words(): Promise<StoredWords> {
      const stored = await readStored<Record<string, WordLists>>(WORDS_KEY);
      return stored
        ? { words: stored, source: 'admin' }
        : { words: getConfig(strapi).words, source: 'config' };
    },

    /** The banned and suspect words that apply to a comment in `locale` (`*` lists included). */
    async wordListsFor(locale: string): Promise<WordLists> {
      return listsFor((await service.words()).words, locale);
    },

    /**
     * Replaces the word lists (400 on a bad shape or over a cap); screening uses them at once on this
     * instance. `null` goes back to the config's `words`.
     */
    async saveWords(input: unknown): Promise<StoredWords> {
      if (input === null) {
        await store(WORDS_KEY).delete({});
        cache.delete(WORDS_KEY);
        return service.words();
      }
      const checked = checkWordLists(input);
      if ('problem' in checked) throw new errors.ValidationError(checked.problem);
      await writeStored(WORDS_KEY, checked.value);
      return { words: checked.value, source: 'admin' };
    },

    /** The pre-moderation rules on related documents. */
    async relatedRules(): Promise<RelatedRule[]> {
      return (await readStored<RelatedRule[]>(RULES_KEY)) ?? [];
    },

    /**
     * Replaces the rules after checking each against the schema: a commented type, a relation field of
     * it pointing at `target`, documents of `target` that exist (400 otherwise).
     */
    async saveRelatedRules(input: unknown): Promise<RelatedRule[]> {
      const checked = checkRelatedRules(input);
      if ('problem' in checked) throw new errors.ValidationError(checked.problem);
      const commented = getConfig(strapi).contentTypes;
      for (const [index, rule] of checked.value.entries()) {
        const where = `Rule ${index + 1}`;
        if (!commented.includes(rule.contentType))
          throw new errors.ValidationError(
            `${where}: ${rule.contentType} does not take comments (contentTypes)`
          );
        const attribute = relationOf(rule.contentType, rule.field);
        if (attribute?.type !== 'relation' || attribute.target !== rule.target)
          throw new errors.ValidationError(
            `${where}: ${rule.contentType} has no relation "${rule.field}" to ${rule.target}`
          );
        const found = (await strapi.db.query(rule.target as never).findMany({
          select: ['documentId'],
          where: { documentId: { $in: rule.documentIds } },
        })) as Array<{ documentId: string }>;
        const unknown = rule.documentIds.filter(
          (id) => !found.some((row) => row.documentId === id)
        );
        if (unknown.length > 0)
          throw new errors.ValidationError(
            `${where}: no ${rule.target} document ${unknown.slice(0, 5).join(', ')}`
          );
      }
      await writeStored(RULES_KEY, checked.value);
      return checked.value;
    },

    /** Relation fields of the commented types an admin can build a rule on, and their targets. */
    relationFields(): Array<{ contentType: string; field: string; target: string }> {
      return getConfig(strapi).contentTypes.flatMap((contentType) => {
        const attributes =
          (
            strapi.contentType(contentType as never) as
              | { attributes?: Record<string, { type?: string; target?: string }> }
              | undefined
          )?.attributes ?? {};
        return Object.entries(attributes)
          .filter(
            ([, attribute]) =>
              attribute.type === 'relation' &&
              typeof attribute.target === 'string' &&
              attribute.target.startsWith('api::')
          )
          .map(([field, attribute]) => ({
            contentType,
            field,
            target: attribute.target as string,
          }));
      });
    },

    /** Up to 100 documents of `target` for a rule's picker, with a readable label. */
    async relatedOptions(target: string): Promise<RelatedOption[]> {
      if (!service.relationFields().some((field) => field.target === target))
        throw new errors.NotFoundError(`${target} is not related to a commented type`);
      const attributes =
        (
          strapi.contentType(target as never) as
            | { attributes?: Record<string, { type?: string }> }
            | undefined
        )?.attributes ?? {};
      const labelField = LABEL_ATTRIBUTES.find((name) =>
        ['string', 'uid'].includes(attributes[name]?.type ?? '')
      );
      const rows = (await strapi.db.query(target as never).findMany({
        select: ['documentId', ...(labelField ? [labelField] : [])],
        orderBy: labelField ? { [labelField]: 'asc' } : { id: 'asc' },
        limit: 500,
      })) as Array<Record<string, unknown>>;
      const options = new Map<string, RelatedOption>();
      for (const row of rows) {
        const documentId = String(row.documentId);
        if (!options.has(documentId))
          options.set(documentId, {
            documentId,
            label: labelField && row[labelField] ? String(row[labelField]) : documentId,
          });
      }
      return [...options.values()].slice(0, 100);
    },

    /**
     * Why `subject` is pre-moderated by a rule on its related documents ("tags: <documentId>"), or null.
     * One query per rule of the subject's type, and none when no rule names it.
     */
    async relatedHold(subject: Subject): Promise<string | null> {
      const rules = (await service.relatedRules()).filter(
        (rule) => rule.contentType === subject.uid
      );
      for (const rule of rules) {
        const row = (await strapi.db.query(subject.uid as never).findOne({
          select: ['id'],
          where: {
            documentId: subject.documentId,
            publishedAt: { $notNull: true },
            ...(subject.locale ? { locale: subject.locale } : {}),
          },
          populate: {
            [rule.field]: {
              select: ['documentId'],
              where: { documentId: { $in: rule.documentIds } },
            },
          },
        })) as Record<string, unknown> | null;
        const related = row?.[rule.field];
        const matched = (Array.isArray(related) ? related : related ? [related] : []) as Array<{
          documentId: string;
        }>;
        if (matched.length > 0)
          return `pre-moderated ${rule.field}: ${[...new Set(matched.map((r) => r.documentId))].join(', ')}`;
      }
      return null;
    },
  };
  return service;
};

export type SettingsService = ReturnType<typeof createSettingsService>;
export default createSettingsService;
