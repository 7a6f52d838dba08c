import type { Core } from '@strapi/strapi';
import { expectedKeys } from './lib/formats';
import { resolvePresets } from './config';
import { subscribeToFileLifecycles } from './lifecycles';
import { documentUploadRoutes } from './openapi';
import { getConfig } from './utils';

/** Keys the upload plugin itself writes into `formats`: `thumbnail` and one per configured breakpoint. */
export function strapiFormatKeys(strapi: Core.Strapi): string[] {
  const breakpoints = strapi.config.get('plugin::upload.breakpoints', {
    large: 1000,
    medium: 750,
    small: 500,
  }) as Record<string, number>;
  return ['thumbnail', ...Object.keys(breakpoints ?? {})];
}

/**
 * Why a check here: the validator cannot see the upload plugin's breakpoints, and a preset key equal to
 * one of them would overwrite (and later delete) Strapi's own format.
 */
/** The admin permission behind the settings page, "Regenerate all" and their routes (super admins have it). */
const ACTIONS = [
  {
    section: 'plugins',
    displayName: 'Regenerate thumbnails',
    uid: 'regenerate',
    pluginName: 'thumbnails',
  },
];

/** Where the plugin records that it applied its Media Library defaults once (never again after that). */
const DEFAULTS_MARKER = { type: 'plugin', name: 'thumbnails', key: 'upload-defaults' } as const;

/**
 * Turns on the Media Library's "auto orientation" once, on the first boot with the plugin, so phone photos
 * (EXIF orientation 2–8) are stored upright with their displayed width/height in every format. Strapi
 * 5.54 defaults it to false while its size optimization re-encodes the original and drops the tag.
 *
 * Why a marker in the plugin's own store: a stored `autoOrientation: false` cannot tell "never chosen"
 * from "an admin switched it off"; after the marker is written the plugin never touches the setting
 * again, so an admin's later choice stands. Works whichever plugin boots first: without stored settings
 * the upload plugin's bootstrap fills in its other defaults around ours.
 */
export async function applyUploadDefaults(strapi: Core.Strapi): Promise<void> {
  const marker = strapi.store(DEFAULTS_MARKER);
  if (await marker.get({})) return;
  const uploadSettings = strapi.store({ type: 'plugin', name: 'upload', key: 'settings' });
  const current = ((await uploadSettings.get({})) ?? {}) as Record<string, unknown>;
  if (current.autoOrientation !== true) {
    await uploadSettings.set({ value: { ...current, autoOrientation: true } });
    strapi.log.info(
      '[thumbnails] turned on the Media Library "auto orientation" setting (first boot with the plugin)'
    );
  }
  await marker.set({ value: { autoOrientation: true, appliedAt: new Date().toISOString() } });
}

export default async function bootstrap({ strapi }: { strapi: Core.Strapi }): Promise<void> {
  const ours = expectedKeys(resolvePresets(getConfig(strapi)));
  const clash = ours.filter((key) => strapiFormatKeys(strapi).includes(key));
  if (clash.length > 0) {
    throw new Error(
      `Error regarding thumbnails config: formats key(s) ${clash.join(', ')} collide with the upload plugin's breakpoints; rename the preset(s)`
    );
  }
  await applyUploadDefaults(strapi);
  subscribeToFileLifecycles(strapi);
  await strapi.service('admin::permission').actionProvider.registerMany(ACTIONS);
  documentUploadRoutes(strapi);
}
