import type { Core } from '@strapi/strapi';
import { expectedKeys } from './lib/formats';
import { resolvePresets } from './config';
import { subscribeToFileLifecycles } from './lifecycles';
import { getConfig } from './utils';

/** Keys the upload plugin itself writes into `formats`: `thumbnail` and one per configured breakpoint. */
export function strapiFormatKeys(strapi: Core.Strapi): string[] {
  const breakpoints = strapi.config.get('plugin::upload.breakpoints', { large: 1000, medium: 750, small: 500 }) as Record<string, number>;
  return ['thumbnail', ...Object.keys(breakpoints ?? {})];
}

/**
 * Why a check here: the validator cannot see the upload plugin's breakpoints, and a preset key equal to
 * one of them would overwrite (and later delete) Strapi's own format.
 */
/** The admin permission behind the settings page, "Regenerate all" and their routes (super admins have it). */
const ACTIONS = [{ section: 'plugins', displayName: 'Regenerate thumbnails', uid: 'regenerate', pluginName: 'thumbnails' }];

export default async function bootstrap({ strapi }: { strapi: Core.Strapi }): Promise<void> {
  const ours = expectedKeys(resolvePresets(getConfig(strapi)));
  const clash = ours.filter((key) => strapiFormatKeys(strapi).includes(key));
  if (clash.length > 0) {
    throw new Error(
      `Error regarding thumbnails config: formats key(s) ${clash.join(', ')} collide with the upload plugin's breakpoints; rename the preset(s)`
    );
  }
  subscribeToFileLifecycles(strapi);
  await strapi.service('admin::permission').actionProvider.registerMany(ACTIONS);
}
