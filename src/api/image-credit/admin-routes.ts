import type { Core } from '@strapi/strapi';

const UID = 'api::image-credit.image-credit';

/**
 * The admin's own routes for credits from a file's metadata (admin JWT, as the admin UI's fetch client
 * sends it): `GET /image-credits/suggest/:fileId` for editors who may read the Media Library, and
 * `POST /image-credits/from-file/:fileId` for those who may also create image credits, and
 * `GET /image-credits/files-to-credit` (the "Image rights" page's list) for those who may read the Media Library.
 *
 * Why registered in bootstrap: Strapi makes every router in `src/api` a content-API router (5.54), so an
 * admin route of the app is added to the server's admin API here, once the admin policies exist and
 * before the server mounts its routers.
 */
export function registerImageCreditAdminRoutes(strapi: Core.Strapi): void {
  const controller = () =>
    strapi.controller(UID) as unknown as Record<
      'suggest' | 'createFromFile' | 'filesToCredit',
      (ctx: unknown) => Promise<unknown>
    >;
  const canReadFiles = {
    name: 'admin::hasPermissions',
    config: { actions: ['plugin::upload.read'] },
  };
  const canCreateCredits = {
    name: 'admin::hasPermissions',
    config: { actions: ['plugin::upload.read', ['plugin::content-manager.explorer.create', UID]] },
  };
  strapi.server.routes({
    type: 'admin',
    prefix: '/image-credits',
    routes: [
      {
        method: 'GET',
        path: '/suggest/:fileId',
        handler: (ctx: unknown) => controller().suggest(ctx),
        config: { policies: ['admin::isAuthenticatedAdmin', canReadFiles] },
      },
      {
        method: 'GET',
        path: '/files-to-credit',
        handler: (ctx: unknown) => controller().filesToCredit(ctx),
        config: { policies: ['admin::isAuthenticatedAdmin', canReadFiles] },
      },
      {
        method: 'POST',
        path: '/from-file/:fileId',
        handler: (ctx: unknown) => controller().createFromFile(ctx),
        config: { policies: ['admin::isAuthenticatedAdmin', canCreateCredits] },
      },
    ],
  } as never);
}
