import type { StrapiApp } from '@strapi/strapi/admin';
import { PERMISSIONS, PLUGIN_ID, t } from './pluginId';

type Translations = Record<string, string>;

export default {
  register(app: StrapiApp) {
    app.registerPlugin({ id: PLUGIN_ID, name: 'Thumbnails' });
    app.addSettingsLink('global', {
      id: PLUGIN_ID,
      intlLabel: { id: t('settings.section'), defaultMessage: 'Thumbnails' },
      to: PLUGIN_ID,
      Component: () => import('./components/SettingsPage'),
      permissions: PERMISSIONS.regenerate,
    });
  },

  async registerTrads({ locales }: { locales: string[] }) {
    return Promise.all(
      locales.map(async (locale) => {
        try {
          const { default: data } = await import(`./translations/${locale}.json`);
          return {
            data: Object.fromEntries(
              Object.entries(data as Translations).map(([key, value]) => [t(key), value])
            ),
            locale,
          };
        } catch {
          return { data: {}, locale };
        }
      })
    );
  },
};
