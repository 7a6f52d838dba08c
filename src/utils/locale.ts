import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';

/**
 * Locale helpers shared by the content rules and the read endpoints. Strapi's semantics: a request
 * without `locale` concerns the default locale; a type that is not localized has no locale at all
 * (its rows keep `locale` empty), so every helper answers `undefined` for it.
 */

/** Whether the content type is localized (Strapi's i18n `pluginOptions.i18n.localized`). */
export function isLocalizedType(strapi: Core.Strapi, uid: string): boolean {
  const contentType = strapi.contentType(uid as UID.ContentType) as
    | { pluginOptions?: { i18n?: { localized?: boolean } } }
    | undefined;
  return contentType?.pluginOptions?.i18n?.localized === true;
}

const localesService = (strapi: Core.Strapi) =>
  strapi.plugin('i18n')?.service('locales') as
    | {
        getDefaultLocale(): Promise<string>;
        find(params?: unknown): Promise<Array<{ code: string }>>;
      }
    | undefined;

/** The default locale's code (`en` unless an admin changed it). */
export async function defaultLocale(strapi: Core.Strapi): Promise<string> {
  return (await localesService(strapi)?.getDefaultLocale()) ?? 'en';
}

/** The codes of the locales configured in Settings > Internationalization. */
export async function localeCodes(strapi: Core.Strapi): Promise<string[]> {
  return ((await localesService(strapi)?.find()) ?? []).map((locale) => locale.code);
}

/**
 * The locale a write or query of `uid` concerns: `requested` when given, else the default locale;
 * undefined for a type that is not localized, or for `*` (every locale).
 */
export async function effectiveLocale(
  strapi: Core.Strapi,
  uid: string,
  requested: unknown
): Promise<string | undefined> {
  if (!isLocalizedType(strapi, uid)) return undefined;
  if (requested === '*') return undefined;
  return typeof requested === 'string' && requested !== '' ? requested : defaultLocale(strapi);
}

/**
 * Reads `?locale=` for a read endpoint: the default locale when absent, a configured locale code, else a
 * 400 naming the locale and listing the configured ones.
 */
export async function localeParam(strapi: Core.Strapi, raw: unknown): Promise<string> {
  if (raw === undefined || raw === '') return defaultLocale(strapi);
  const codes = await localeCodes(strapi);
  if (typeof raw === 'string' && codes.includes(raw)) return raw;
  const shown = typeof raw === 'string' ? raw : JSON.stringify(raw);
  const message = `Unknown locale "${shown}"; configured locales: ${codes.join(', ')}`;
  throw new errors.ValidationError(message, {
    errors: [{ path: ['locale'], message, name: 'ValidationError', value: raw }],
  });
}

/** The locales in which a document has a row (draft or published), sorted. */
export async function documentLocales(
  strapi: Core.Strapi,
  uid: string,
  documentId: string
): Promise<string[]> {
  const rows = (await strapi.db
    .query(uid as UID.ContentType)
    .findMany({ select: ['locale'], where: { documentId } })) as Array<{ locale: string | null }>;
  return [
    ...new Set(
      rows.map((row) => row.locale).filter((locale): locale is string => typeof locale === 'string')
    ),
  ].sort();
}
