/**
 * The frontend's settings, from the environment (read at request time, so one build serves any
 * deployment). Every URL is kept without a trailing slash.
 */

const trim = (url: string): string => url.replace(/\/+$/, '');

/** Where this server reaches Strapi (no `/api`). */
export const strapiUrl = (): string => trim(process.env.STRAPI_URL ?? 'http://localhost:1337');

/** Where readers' browsers reach Strapi (media, the view beacon, share links, comments). */
export const publicStrapiUrl = (): string =>
  trim(process.env.PUBLIC_STRAPI_URL ?? process.env.STRAPI_URL ?? 'http://localhost:1337');

/** This site's public address: canonical URLs, Open Graph, hreflang. The same setting Strapi uses. */
export const frontendUrl = (): string => trim(process.env.FRONTEND_URL ?? 'http://localhost:3000');

/** The locales the site serves, the default first (`LOCALES=en,fr`). */
export const locales = (): string[] =>
  (process.env.LOCALES ?? 'en,fr')
    .split(',')
    .map((code) => code.trim())
    .filter(Boolean);

export const defaultLocale = (): string => locales()[0] ?? 'en';

/** The secret Strapi's preview handler signs preview links with (`PREVIEW_SECRET`, shared with Strapi). */
export const previewSecret = (): string | undefined => process.env.PREVIEW_SECRET || undefined;

/** An API token limited to reading drafts (`PREVIEW_API_TOKEN`), used only on this server. */
export const previewToken = (): string | undefined => process.env.PREVIEW_API_TOKEN || undefined;

/** A locale code as the API takes it: `en`, `fr`, `pt-BR`. */
export const LOCALE_PATTERN = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/;
/** A slug as Strapi generates it. */
export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,199}$/;
