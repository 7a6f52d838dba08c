import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { DOCUMENT_SETTING_UID, type DocumentMode } from '../content-types';
import { closedReason } from '../lib/closing';
import { tableOf } from './counts';
import { getConfig } from '../utils';

/** A published document readers comment on. `locale` is '' for a type that is not localized. */
export interface Subject {
  uid: string;
  documentId: string;
  locale: string;
  /** When its current version was published. */
  publishedAt: Date;
  /**
   * When it was first published (`closeAfterDays` counts from it, so a republish does not reopen it):
   * Strapi's `firstPublishedAt` where the type has it, else the creation time of its earliest published row.
   */
  firstPublishedAt: Date;
  /** Its setting in the plugin's table (`open` when none was set). */
  mode: DocumentMode;
}

const DOCUMENT_ID = /^[A-Za-z0-9_-]{1,64}$/;
const LOCALE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/;
/** How long the default locale is remembered (it changes only when an admin changes it). */
const DEFAULT_LOCALE_TTL_MS = 60_000;

/**
 * The documents comments attach to: a route's `:type` (a configured type's singular name) and
 * `:documentId`, in `?locale=`, must name a document that has a published version in that locale, or the
 * answer is 404. Drafts and unknown documents never take or show comments.
 */
const createSubjectsService = ({ strapi }: { strapi: Core.Strapi }) => {
  let defaultLocale: { code: string; until: number } | null = null;

  const isLocalized = (uid: string) =>
    (
      strapi.contentType(uid as never) as
        | { pluginOptions?: { i18n?: { localized?: boolean } } }
        | undefined
    )?.pluginOptions?.i18n?.localized === true;

  const localeOf = async (uid: string, value: unknown): Promise<string> => {
    if (!isLocalized(uid)) return '';
    if (typeof value === 'string' && value !== '') {
      if (!LOCALE.test(value))
        throw new errors.ValidationError(`"${value.slice(0, 40)}" is not a locale code`);
      return value;
    }
    if (!defaultLocale || defaultLocale.until < Date.now()) {
      const code = (await strapi.plugin('i18n').service('locales').getDefaultLocale()) as string;
      defaultLocale = { code, until: Date.now() + DEFAULT_LOCALE_TTL_MS };
    }
    return defaultLocale.code;
  };

  return {
    /** The configured type a route's `:type` names (its singular name, e.g. `article`), else 404. */
    typeOf(name: unknown): string {
      for (const uid of getConfig(strapi).contentTypes) {
        const contentType = strapi.contentType(uid as never) as
          | { info?: { singularName?: string } }
          | undefined;
        if (contentType?.info?.singularName === name) return uid;
      }
      throw new errors.NotFoundError(`Comments are not enabled for "${String(name).slice(0, 60)}"`);
    },

    /** The locale a request means for `uid`: its `?locale=`, else the default locale; '' when the type is not localized. */
    localeOf,

    /**
     * The published document with when it was first published and its comment setting, else 404: one
     * statement (the document's row, its setting joined, the earliest published row as a subquery), so a
     * thread page stays at three.
     */
    async find(uid: string, documentId: unknown, locale: unknown): Promise<Subject> {
      if (typeof documentId !== 'string' || !DOCUMENT_ID.test(documentId))
        throw new errors.NotFoundError('No such document');
      const code = await localeOf(uid, locale);
      const d = tableOf(strapi, uid);
      const s = tableOf(strapi, DOCUMENT_SETTING_UID);
      const knex = strapi.db.connection;
      const hasFirstPublished =
        (strapi.contentType(uid as never) as { attributes?: Record<string, unknown> } | undefined)
          ?.attributes?.firstPublishedAt !== undefined;
      const query = knex(`${d.table} as d`)
        .leftJoin(`${s.table} as s`, function joinSetting() {
          this.on(`s.${s.column('subjectId')}`, `d.${d.column('documentId')}`).andOnVal(
            `s.${s.column('subjectType')}`,
            '=',
            uid
          );
        })
        .select({ publishedAt: `d.${d.column('publishedAt')}`, mode: `s.${s.column('mode')}` })
        .select(
          knex.raw('(select min(??) from ?? as e where ?? = ?? and ?? is not null) as ??', [
            `e.${d.column('createdAt')}`,
            d.table,
            `e.${d.column('documentId')}`,
            `d.${d.column('documentId')}`,
            `e.${d.column('publishedAt')}`,
            'earliestCreated',
          ])
        )
        .where(`d.${d.column('documentId')}`, documentId)
        .whereNotNull(`d.${d.column('publishedAt')}`)
        .first();
      if (hasFirstPublished)
        query.select({ firstPublishedAt: `d.${d.column('firstPublishedAt')}` });
      if (code) query.andWhere(`d.${d.column('locale')}`, code);
      const row = (await query) as
        | {
            publishedAt: string | number | Date;
            firstPublishedAt?: string | number | Date | null;
            earliestCreated: string | number | Date | null;
            mode: DocumentMode | null;
          }
        | undefined;
      if (!row)
        throw new errors.NotFoundError(
          code
            ? `No published document ${documentId} in locale "${code}"`
            : `No published document ${documentId}`
        );
      const publishedAt = new Date(row.publishedAt);
      const first = row.firstPublishedAt ?? row.earliestCreated;
      return {
        uid,
        documentId,
        locale: code,
        publishedAt,
        firstPublishedAt: first === null || first === undefined ? publishedAt : new Date(first),
        mode: row.mode ?? 'open',
      };
    },

    /** Why new comments are refused on `subject` (its setting, or `closeAfterDays` after its first publication), or null. */
    closedReason(subject: Subject, now = Date.now()): string | null {
      return closedReason({
        mode: subject.mode,
        firstPublishedAt: subject.firstPublishedAt,
        closeAfterDays: getConfig(strapi).closeAfterDays,
        now,
      });
    },

    /** Whether new comments are refused. */
    isClosed(subject: Subject, now = Date.now()): boolean {
      return this.closedReason(subject, now) !== null;
    },
  };
};

export type SubjectsService = ReturnType<typeof createSubjectsService>;
export default createSubjectsService;
