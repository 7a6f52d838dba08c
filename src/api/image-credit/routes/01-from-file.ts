/**
 * Credits from a file's own metadata, for API clients with a token (the admin uses the same actions on
 * its own routes, see ../admin-routes.ts). Never public: the Public role gets only read actions.
 * The file name sorts before the core router, so `/image-credits/suggest/...` is not taken for an id.
 */
export default {
  routes: [
    {
      method: 'GET',
      path: '/image-credits/suggest/:fileId',
      handler: 'api::image-credit.image-credit.suggest',
      config: { policies: [] },
    },
    {
      method: 'POST',
      path: '/image-credits/from-file/:fileId',
      handler: 'api::image-credit.image-credit.createFromFile',
      config: { policies: [] },
    },
  ],
};
