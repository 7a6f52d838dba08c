import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { PERIODS, type Period } from '../lib/days';

/**
 * Parameter checks shared by the controllers. Each throws Strapi's error classes so clients get a 400 or
 * 404 with a message, and nothing is counted.
 */

const DOCUMENT_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** A documentId of the right shape, else 404 (no such document can exist). */
export function checkDocumentId(value: unknown): string {
  if (typeof value !== 'string' || !DOCUMENT_ID.test(value))
    throw new errors.NotFoundError('No such document');
  return value;
}

/** An integer query parameter in [min, max], or `fallback` when absent; 400 otherwise. */
export function intParam(
  name: string,
  value: unknown,
  fallback: number,
  min: number,
  max: number
): number {
  if (value === undefined || value === '') return fallback;
  if (typeof value !== 'string' || !/^\d+$/.test(value))
    throw new errors.ValidationError(`"${name}" must be an integer from ${min} to ${max}`);
  const parsed = Number(value);
  if (parsed < min || parsed > max)
    throw new errors.ValidationError(`"${name}" must be an integer from ${min} to ${max}`);
  return parsed;
}

/** One of `allowed`, or `fallback` when absent; 400 otherwise. */
export function choiceParam<T extends string>(
  name: string,
  value: unknown,
  allowed: readonly T[],
  fallback: T
): T {
  if (value === undefined || value === '') return fallback;
  if (typeof value !== 'string' || !allowed.includes(value as T))
    throw new errors.ValidationError(`"${name}" must be one of ${allowed.join(', ')}`);
  return value as T;
}

export const periodParam = (value: unknown): Period => choiceParam('period', value, PERIODS, 'all');

/**
 * The `network` of a share request. The body is JSON, or the text/plain string navigator.sendBeacon
 * sends (a JSON string), or absent with `?network=` in the query.
 */
export function networkFrom(body: unknown, query: Record<string, unknown>): unknown {
  let parsed = body;
  if (typeof body === 'string') {
    try {
      parsed = body.trim() === '' ? {} : JSON.parse(body);
    } catch {
      throw new errors.ValidationError('The body must be JSON like {"network":"x"}');
    }
  }
  if (parsed && typeof parsed === 'object' && 'network' in parsed)
    return (parsed as { network: unknown }).network;
  return query.network;
}

/**
 * A count "Set counts" may store: a non-negative integer the 64-bit count columns hold and JavaScript
 * reads back exactly (at most Number.MAX_SAFE_INTEGER, 9,007,199,254,740,991), else 400.
 */
export function countValue(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new errors.ValidationError(
      `"${name}" must be an integer from 0 to ${Number.MAX_SAFE_INTEGER}`
    );
  }
  return value;
}

/**
 * The `locale` a reading route answers in, for a localized content type: the default locale when absent,
 * a configured locale, else 400 naming it. Undefined for a type that is not localized (then `locale` is
 * ignored, as Strapi's own routes ignore it).
 */
export async function localeParam(
  strapi: Core.Strapi,
  uid: string,
  value: unknown
): Promise<string | undefined> {
  const contentType = strapi.contentType(uid as never) as
    | { pluginOptions?: { i18n?: { localized?: boolean } } }
    | undefined;
  const locales = strapi.plugin('i18n')?.service('locales') as
    | { getDefaultLocale(): Promise<string>; find(): Promise<Array<{ code: string }>> }
    | undefined;
  if (!locales || contentType?.pluginOptions?.i18n?.localized !== true) return undefined;
  if (value === undefined || value === '') return locales.getDefaultLocale();
  const codes = (await locales.find()).map((locale) => locale.code);
  if (typeof value === 'string' && codes.includes(value)) return value;
  throw new errors.ValidationError(
    `Unknown locale "${String(value)}"; configured locales: ${codes.join(', ')}`
  );
}
