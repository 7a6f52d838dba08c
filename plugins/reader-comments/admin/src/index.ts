import type { StrapiApp } from '@strapi/strapi/admin';
import { Discuss } from '@strapi/icons';
import { CommentsPanel } from './components/CommentsPanel';
import { PAGE_PATH, PERMISSIONS, PLUGIN_ID, t } from './pluginId';

type Translations = Record<string, string>;

const prefixed = (data: Translations): Translations =>
  Object.fromEntries(Object.entries(data).map(([key, value]) => [t(key), value]));

export default {
  register(app: StrapiApp) {
    app.registerPlugin({ id: PLUGIN_ID, name: 'Reader comments' });

    app.addMenuLink({
      to: PAGE_PATH,
      icon: Discuss,
      intlLabel: { id: t('menu.comments'), defaultMessage: 'Comments' },
      Component: () => import('./components/ModerationPage'),
      permissions: PERMISSIONS.moderate,
    });

    app.widgets.register({
      id: 'comments-waiting',
      pluginId: PLUGIN_ID,
      icon: Discuss,
      title: { id: t('widget.title'), defaultMessage: 'Comments waiting' },
      link: {
        label: { id: t('widget.link'), defaultMessage: 'Moderate comments' },
        href: `/${PAGE_PATH}`,
      },
      component: async () => (await import('./components/WaitingWidget')).WaitingWidget,
      permissions: PERMISSIONS.moderate,
    });

    app.addSettingsLink('global', {
      id: PLUGIN_ID,
      intlLabel: { id: t('settings.section'), defaultMessage: 'Reader comments' },
      to: PLUGIN_ID,
      Component: () => import('./components/SettingsPage'),
      permissions: PERMISSIONS.configure,
    });
  },

  bootstrap(app: StrapiApp) {
    const contentManager = app.getPlugin('content-manager') as unknown as {
      apis: { addEditViewSidePanel: (panels: unknown[]) => void };
    };
    contentManager.apis.addEditViewSidePanel([CommentsPanel]);
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
