import type { Core } from '@strapi/strapi';
import bootstrap, { applyUploadDefaults } from '../../bootstrap';
import { defaultConfig, type ThumbnailsConfig } from '../../config';

/** A plugin store backed by a Map, keyed like Strapi's (`plugin_<name>_<key>`). */
const fakeStore = (initial: Record<string, unknown> = {}) => {
  const values = new Map<string, unknown>(Object.entries(initial));
  const store = ({ type, name, key }: { type: string; name: string; key: string }) => {
    const id = `${type}_${name}_${key}`;
    return {
      get: async () => values.get(id) ?? null,
      set: async ({ value }: { value: unknown }) => void values.set(id, value),
    };
  };
  return { store, values };
};

const fakeStrapi = (config: ThumbnailsConfig, breakpoints?: Record<string, number>) => {
  const subscribe = jest.fn();
  const registerMany = jest.fn(async () => undefined);
  const strapi = {
    config: {
      get: (key: string, fallback?: unknown) =>
        key === 'plugin::thumbnails'
          ? config
          : key === 'plugin::upload.breakpoints'
            ? (breakpoints ?? fallback)
            : fallback,
    },
    db: { lifecycles: { subscribe } },
    store: fakeStore().store,
    log: { info: jest.fn() },
    service: (name: string) =>
      name === 'admin::permission' ? { actionProvider: { registerMany } } : undefined,
    // No upload plugin here: bootstrap has no upload routes to document.
    plugin: () => undefined,
  } as unknown as Core.Strapi;
  return { strapi, subscribe, registerMany };
};

describe('bootstrap', () => {
  it('subscribes to the upload file lifecycles', async () => {
    const { strapi, subscribe } = fakeStrapi(defaultConfig());
    await bootstrap({ strapi });
    expect(subscribe).toHaveBeenCalledWith(
      expect.objectContaining({
        models: ['plugin::upload.file'],
        afterCreate: expect.any(Function),
        afterUpdate: expect.any(Function),
      })
    );
  });

  it('registers the "Regenerate thumbnails" admin permission', async () => {
    const { strapi, registerMany } = fakeStrapi(defaultConfig());
    await bootstrap({ strapi });
    expect(registerMany).toHaveBeenCalledWith([
      expect.objectContaining({ uid: 'regenerate', pluginName: 'thumbnails', section: 'plugins' }),
    ]);
  });

  it('refuses a preset whose formats key is one of the upload breakpoints', async () => {
    const { strapi, subscribe } = fakeStrapi(defaultConfig(), { large: 1000, hero_webp: 1600 });
    const config = defaultConfig();
    config.presets.hero = { width: 1600, height: 900 };
    await expect(
      bootstrap({ strapi: fakeStrapi(config, { hero_webp: 1600 }).strapi })
    ).rejects.toThrow("formats key(s) hero_webp collide with the upload plugin's breakpoints");
    await expect(bootstrap({ strapi })).resolves.toBeUndefined();
    expect(subscribe).toHaveBeenCalled();
  });
});

describe('Media Library defaults on first boot', () => {
  const withStore = (initial?: Record<string, unknown>) => {
    const { store, values } = fakeStore(initial);
    return { strapi: { store, log: { info: jest.fn() } } as unknown as Core.Strapi, values };
  };

  it('turns auto orientation on when the upload plugin has not stored its settings yet', async () => {
    const { strapi, values } = withStore();
    await applyUploadDefaults(strapi);
    expect(values.get('plugin_upload_settings')).toEqual({ autoOrientation: true });
  });

  it("turns it on over the upload plugin's stored default, keeping the other settings", async () => {
    const { strapi, values } = withStore({
      plugin_upload_settings: {
        sizeOptimization: true,
        responsiveDimensions: true,
        autoOrientation: false,
        aiMetadata: true,
      },
    });
    await applyUploadDefaults(strapi);
    expect(values.get('plugin_upload_settings')).toEqual({
      sizeOptimization: true,
      responsiveDimensions: true,
      autoOrientation: true,
      aiMetadata: true,
    });
  });

  it('never overwrites an admin who switched it off after the first boot', async () => {
    const { strapi, values } = withStore();
    await applyUploadDefaults(strapi);
    values.set('plugin_upload_settings', { autoOrientation: false, sizeOptimization: false });
    await applyUploadDefaults(strapi);
    await applyUploadDefaults(strapi);
    expect(values.get('plugin_upload_settings')).toEqual({
      autoOrientation: false,
      sizeOptimization: false,
    });
  });
});
