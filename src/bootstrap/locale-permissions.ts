import type { Core } from '@strapi/strapi';
import { defaultLocale, isLocalizedType } from '../utils/locale';

const EXPLORER_ACTION = 'plugin::content-manager.explorer.';

interface StoredPermission {
  id: number;
  action: string;
  properties: Record<string, unknown> | null;
  role?: { code?: string } | null;
}

/**
 * Strapi 5.54 creates the built-in Editor and Author roles at the first start with Content Manager
 * permissions that have no `locales` property for the app's localized types, which denies every locale:
 * on a fresh install an Editor could not open a single article. (An existing install whose type becomes
 * localized is repaired by Strapi itself, with the default locale.) This gives such permissions the
 * default locale, the same repair. Only permissions without any `locales` are touched, so a role an
 * admin saved in *Settings → Roles* (which always stores its locales, even none) is left alone. Returns
 * how many permissions were repaired.
 */
export async function grantDefaultLocaleToRoles(strapi: Core.Strapi): Promise<number> {
  const uids = Object.keys(strapi.contentTypes).filter(
    (uid) => uid.startsWith('api::') && isLocalizedType(strapi, uid)
  );
  if (uids.length === 0) return 0;
  const permissions = (await strapi.db.query('admin::permission').findMany({
    where: { subject: { $in: uids }, action: { $startsWith: EXPLORER_ACTION } },
    populate: ['role'],
  })) as StoredPermission[];
  const missing = permissions.filter(
    (permission) =>
      permission.role?.code !== 'strapi-super-admin' &&
      !('locales' in (permission.properties ?? {}))
  );
  if (missing.length === 0) return 0;
  const locale = await defaultLocale(strapi);
  for (const permission of missing) {
    await strapi.db.query('admin::permission').update({
      where: { id: permission.id },
      data: { properties: { ...(permission.properties ?? {}), locales: [locale] } },
    });
  }
  return missing.length;
}
