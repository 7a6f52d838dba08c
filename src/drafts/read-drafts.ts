import type { Core } from '@strapi/strapi';
import { contentTypes, errors } from '@strapi/utils';

/**
 * The content-API action that lets a requester read drafts. It is the `readDrafts` action of the
 * `preview` API (src/api/preview), so it shows up as *Preview → readDrafts* in Settings → Users &
 * Permissions → Roles and in the custom API token permission picker: both list the controller actions
 * bound to content-API routes.
 */
export const READ_DRAFTS_ACTION = 'api::preview.preview.readDrafts';

/** Request auth as Strapi's router leaves it on `ctx.state.auth`. */
export interface RequestAuth {
  strategy: { name: string; verify?: (auth: RequestAuth, config: { scope: string[] }) => unknown };
  credentials?: unknown;
  ability?: unknown;
}

/**
 * Whether this requester may read drafts, decided by the requester's own auth strategy exactly as for
 * a route whose scope is {@link READ_DRAFTS_ACTION}: full-access API tokens may; custom tokens and
 * users-permissions roles (Public included) may when granted the action; read-only tokens may not
 * (their scope is `find`/`findOne` only); a request without auth (a route with `auth: false`) may not.
 */
export async function canReadDrafts(
  strapi: Core.Strapi,
  auth: RequestAuth | undefined
): Promise<boolean> {
  if (!auth) return false;
  try {
    await strapi.get('auth').verify(auth, { scope: [READ_DRAFTS_ACTION] });
    return true;
  } catch (error) {
    if (error instanceof errors.ForbiddenError || error instanceof errors.UnauthorizedError)
      return false;
    throw error;
  }
}

/**
 * The draft & publish content types of the app, read from the registry (so a type added later is
 * covered without a list to maintain).
 */
export function draftAndPublishTypes(strapi: Core.Strapi): string[] {
  return Object.values(strapi.contentTypes)
    .filter((contentType) => contentTypes.hasDraftAndPublish(contentType as never))
    .map((contentType) => contentType.uid)
    .sort();
}
