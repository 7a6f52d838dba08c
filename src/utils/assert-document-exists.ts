import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { documentLocales, isLocalizedType, localeParam } from './locale';

/**
 * Strapi's core `delete` answers 204 for a documentId that does not exist, and for a localized type also
 * for a document that has no version in the requested locale (the default locale when `locale` is absent,
 * Strapi's semantics): clients deserve a 404 saying which locales the document has. `locale=*` concerns
 * every locale. An unknown locale is a 400. Call before the core delete.
 */
export async function assertDocumentExists(
  strapi: Core.Strapi,
  uid: UID.ContentType,
  documentId: string,
  requestedLocale?: unknown
): Promise<void> {
  const name = strapi.contentType(uid).info.singularName;
  if (!isLocalizedType(strapi, uid)) {
    const existing = await strapi.db.query(uid).findOne({ select: ['id'], where: { documentId } });
    if (!existing) throw new errors.NotFoundError(`No ${name} with id "${documentId}"`);
    return;
  }
  const locale = requestedLocale === '*' ? '*' : await localeParam(strapi, requestedLocale);
  const locales = await documentLocales(strapi, uid, documentId);
  if (locales.length === 0) throw new errors.NotFoundError(`No ${name} with id "${documentId}"`);
  if (locale !== '*' && !locales.includes(locale)) {
    throw new errors.NotFoundError(
      `The ${name} "${documentId}" has no "${locale}" version; it exists in ${locales.map((code) => `"${code}"`).join(', ')} (pass ?locale=)`,
      { locales }
    );
  }
}
