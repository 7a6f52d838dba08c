import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { getConfig } from '../utils';

/** A published document readers comment on. `locale` is '' for a type that is not localized. */
export interface Subject {
  uid: string;
  documentId: string;
  locale: string;
  /** When its current version was published (comments close `closeAfterDays` after it). */
  publishedAt: Date;
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

    /** The published document, else 404 (one query). */
    async find(uid: string, documentId: unknown, locale: unknown): Promise<Subject> {
      if (typeof documentId !== 'string' || !DOCUMENT_ID.test(documentId))
        throw new errors.NotFoundError('No such document');
      const code = await localeOf(uid, locale);
      const row = (await strapi.db.query(uid as never).findOne({
        select: ['id', 'publishedAt'],
        where: { documentId, publishedAt: { $notNull: true }, ...(code ? { locale: code } : {}) },
      })) as { publishedAt: string | Date } | null;
      if (!row)
        throw new errors.NotFoundError(
          code
            ? `No published document ${documentId} in locale "${code}"`
            : `No published document ${documentId}`
        );
      return { uid, documentId, locale: code, publishedAt: new Date(row.publishedAt) };
    },

    /** Whether new comments are refused (`closeAfterDays` after publication). */
    isClosed(subject: Subject, now = Date.now()): boolean {
      const days = getConfig(strapi).closeAfterDays;
      return days > 0 && now - subject.publishedAt.getTime() > days * 86_400_000;
    },
  };
};

export type SubjectsService = ReturnType<typeof createSubjectsService>;
export default createSubjectsService;
