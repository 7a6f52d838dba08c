import type { Core } from '@strapi/strapi';
import { effectiveLocale, isLocalizedType, localeParam } from '../locale';

/** A Strapi with a localized article, a tag that is not localized, and the locales en (default) and fr. */
let strapi: Core.Strapi;
beforeEach(() => {
  const contentTypes: Record<string, unknown> = {
    'api::article.article': { pluginOptions: { i18n: { localized: true } } },
    'api::tag.tag': { pluginOptions: {} },
  };
  const locales = {
    getDefaultLocale: async () => 'en',
    find: async () => [{ code: 'en' }, { code: 'fr' }],
  };
  strapi = {
    contentType: (uid: string) => contentTypes[uid],
    plugin: (name: string) => (name === 'i18n' ? { service: () => locales } : undefined),
  } as unknown as Core.Strapi;
});

describe('isLocalizedType', () => {
  it('reads the i18n plugin option', () => {
    expect(isLocalizedType(strapi, 'api::article.article')).toBe(true);
    expect(isLocalizedType(strapi, 'api::tag.tag')).toBe(false);
    expect(isLocalizedType(strapi, 'api::missing.missing')).toBe(false);
  });
});

describe('effectiveLocale', () => {
  it('is the requested locale, else the default one, and nothing for other types or "*"', async () => {
    await expect(effectiveLocale(strapi, 'api::article.article', 'fr')).resolves.toBe('fr');
    await expect(effectiveLocale(strapi, 'api::article.article', undefined)).resolves.toBe('en');
    await expect(effectiveLocale(strapi, 'api::article.article', '')).resolves.toBe('en');
    await expect(effectiveLocale(strapi, 'api::article.article', '*')).resolves.toBeUndefined();
    await expect(effectiveLocale(strapi, 'api::tag.tag', 'fr')).resolves.toBeUndefined();
  });
});

describe('localeParam', () => {
  it('accepts configured locales, defaults to the default locale, and names an unknown one in a 400', async () => {
    await expect(localeParam(strapi, undefined)).resolves.toBe('en');
    await expect(localeParam(strapi, 'fr')).resolves.toBe('fr');
    await expect(localeParam(strapi, 'xx')).rejects.toMatchObject({
      name: 'ValidationError',
      message: 'Unknown locale "xx"; configured locales: en, fr',
    });
    await expect(localeParam(strapi, ['fr', 'en'])).rejects.toMatchObject({
      name: 'ValidationError',
      message: expect.stringContaining('Unknown locale "["fr","en"]"'),
    });
  });
});
