import type { StrapiApp } from '@strapi/strapi/admin';
import { Eye, PaperPlane } from '@strapi/icons';
import { EngagementPanel } from './components/EngagementPanel';
import { addViewsColumn, connectAdminStore } from './components/ViewsCell';
import { PERMISSIONS, PLUGIN_ID, t } from './pluginId';

type Translations = Record<string, string>;

const prefixed = (data: Translations): Translations =>
  Object.fromEntries(Object.entries(data).map(([key, value]) => [t(key), value]));

export default {
  register(app: StrapiApp) {
    // register() receives the StrapiApp itself (bootstrap() only a few of its methods); its Redux store
    // exists once the admin renders, so the list column reads it lazily.
    connectAdminStore(
      () => (app as unknown as { store?: { getState: () => unknown } | null }).store
    );
    app.registerPlugin({ id: PLUGIN_ID, name: 'Engagement' });

    app.widgets.register([
      {
        id: 'most-viewed',
        pluginId: PLUGIN_ID,
        icon: Eye,
        title: { id: t('widget.mostViewed'), defaultMessage: 'Most viewed this week' },
        component: async () => (await import('./components/PopularWidget')).MostViewedWidget,
        permissions: PERMISSIONS.read,
      },
      {
        id: 'most-shared',
        pluginId: PLUGIN_ID,
        icon: PaperPlane,
        title: { id: t('widget.mostShared'), defaultMessage: 'Most shared this week' },
        component: async () => (await import('./components/PopularWidget')).MostSharedWidget,
        permissions: PERMISSIONS.read,
      },
    ]);

    app.addSettingsLink('global', {
      id: PLUGIN_ID,
      intlLabel: { id: t('settings.section'), defaultMessage: 'Engagement' },
      to: PLUGIN_ID,
      Component: () => import('./components/SettingsPage'),
      permissions: PERMISSIONS.read,
    });
  },

  bootstrap(app: StrapiApp) {
    const contentManager = app.getPlugin('content-manager') as unknown as {
      apis: { addEditViewSidePanel: (panels: unknown[]) => void };
    };
    contentManager.apis.addEditViewSidePanel([EngagementPanel]);
    app.registerHook('Admin/CM/pages/ListView/inject-column-in-table', addViewsColumn);
  },

  async registerTrads({ locales }: { locales: string[] }) {
    return Promise.all(
      locales.map(async (locale) => {
        try {
          const { default: data } = await import(`./translations/${locale}.json`);
          return { data: prefixed(data as Translations), locale };
        } catch {
          return { data: {}, locale };
        }
      })
    );
  },
};
