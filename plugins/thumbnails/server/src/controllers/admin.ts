import type { Core } from '@strapi/strapi';
import { getConfig, getService } from '../utils';
import { resolvePresets } from '../config';
import type { ThumbnailSettings } from '../../../shared/contracts';

type Ctx = Parameters<Core.MiddlewareHandler>[0];

/**
 * Admin routes (admin JWT + plugin::thumbnails.regenerate): the presets in effect and the
 * "Regenerate all" job. Thin: the work is in the regenerate-job service.
 */
const admin = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /thumbnails/settings: presets with their `formats` keys, and the rest of the config. */
  async settings(ctx: Ctx) {
    const config = getConfig(strapi);
    ctx.body = {
      data: {
        presets: resolvePresets(config).map((preset) => ({
          name: preset.name,
          width: preset.width,
          height: preset.height,
          fit: 'cover',
          formats: preset.outputs.map((output) => output.format),
          formatKeys: preset.outputs.map((output) => output.key),
          quality: Object.fromEntries(
            preset.outputs.map((output) => [output.format, output.quality])
          ),
        })),
        config: {
          maxInputPixels: config.maxInputPixels,
          concurrency: config.concurrency,
          placeholder: config.placeholder,
          formats: config.formats,
        },
      } satisfies ThumbnailSettings,
    };
  },

  /** GET /thumbnails/regenerate: the job's progress. */
  async status(ctx: Ctx) {
    ctx.body = { data: getService(strapi, 'regenerate-job').status() };
  },

  /** POST /thumbnails/regenerate: starts "Regenerate all" (202), or reports the run already going. */
  async start(ctx: Ctx) {
    ctx.status = 202;
    ctx.body = { data: getService(strapi, 'regenerate-job').start() };
  },
});

export default admin;
