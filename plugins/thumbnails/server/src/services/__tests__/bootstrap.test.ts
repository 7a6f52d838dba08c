import type { Core } from '@strapi/strapi';
import bootstrap from '../../bootstrap';
import { defaultConfig, type ThumbnailsConfig } from '../../config';

const fakeStrapi = (config: ThumbnailsConfig, breakpoints?: Record<string, number>) => {
  const subscribe = jest.fn();
  const strapi = {
    config: {
      get: (key: string, fallback?: unknown) =>
        key === 'plugin::thumbnails' ? config : key === 'plugin::upload.breakpoints' ? (breakpoints ?? fallback) : fallback,
    },
    db: { lifecycles: { subscribe } },
  } as unknown as Core.Strapi;
  return { strapi, subscribe };
};

describe('bootstrap', () => {
  it('subscribes to the upload file lifecycles', () => {
    const { strapi, subscribe } = fakeStrapi(defaultConfig());
    bootstrap({ strapi });
    expect(subscribe).toHaveBeenCalledWith(
      expect.objectContaining({ models: ['plugin::upload.file'], afterCreate: expect.any(Function), afterUpdate: expect.any(Function) })
    );
  });

  it('refuses a preset whose formats key is one of the upload breakpoints', () => {
    const { strapi, subscribe } = fakeStrapi(defaultConfig(), { large: 1000, hero_webp: 1600 });
    const config = defaultConfig();
    config.presets.hero = { width: 1600, height: 900 };
    expect(() => bootstrap({ strapi: fakeStrapi(config, { hero_webp: 1600 }).strapi })).toThrow(
      "formats key(s) hero_webp collide with the upload plugin's breakpoints"
    );
    expect(() => bootstrap({ strapi })).not.toThrow();
    expect(subscribe).toHaveBeenCalled();
  });
});
