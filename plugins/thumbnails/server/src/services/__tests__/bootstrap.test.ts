import type { Core } from '@strapi/strapi';
import bootstrap from '../../bootstrap';
import { defaultConfig, type ThumbnailsConfig } from '../../config';

const fakeStrapi = (config: ThumbnailsConfig, breakpoints?: Record<string, number>) => {
  const subscribe = jest.fn();
  const registerMany = jest.fn(async () => undefined);
  const strapi = {
    config: {
      get: (key: string, fallback?: unknown) =>
        key === 'plugin::thumbnails' ? config : key === 'plugin::upload.breakpoints' ? (breakpoints ?? fallback) : fallback,
    },
    db: { lifecycles: { subscribe } },
    service: (name: string) => (name === 'admin::permission' ? { actionProvider: { registerMany } } : undefined),
  } as unknown as Core.Strapi;
  return { strapi, subscribe, registerMany };
};

describe('bootstrap', () => {
  it('subscribes to the upload file lifecycles', async () => {
    const { strapi, subscribe } = fakeStrapi(defaultConfig());
    await bootstrap({ strapi });
    expect(subscribe).toHaveBeenCalledWith(
      expect.objectContaining({ models: ['plugin::upload.file'], afterCreate: expect.any(Function), afterUpdate: expect.any(Function) })
    );
  });

  it('registers the "Regenerate thumbnails" admin permission', async () => {
    const { strapi, registerMany } = fakeStrapi(defaultConfig());
    await bootstrap({ strapi });
    expect(registerMany).toHaveBeenCalledWith([expect.objectContaining({ uid: 'regenerate', pluginName: 'thumbnails', section: 'plugins' })]);
  });

  it('refuses a preset whose formats key is one of the upload breakpoints', async () => {
    const { strapi, subscribe } = fakeStrapi(defaultConfig(), { large: 1000, hero_webp: 1600 });
    const config = defaultConfig();
    config.presets.hero = { width: 1600, height: 900 };
    await expect(bootstrap({ strapi: fakeStrapi(config, { hero_webp: 1600 }).strapi })).rejects.toThrow(
      "formats key(s) hero_webp collide with the upload plugin's breakpoints"
    );
    await expect(bootstrap({ strapi })).resolves.toBeUndefined();
    expect(subscribe).toHaveBeenCalled();
  });
});
