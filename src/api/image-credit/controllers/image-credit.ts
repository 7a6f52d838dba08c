import { factories } from '@strapi/strapi';
import { deleteWithNotFound } from '../../../utils/not-found-on-delete';

export default factories.createCoreController('api::image-credit.image-credit', ({ strapi }) => ({
  async delete(ctx) {
    return deleteWithNotFound(strapi, 'api::image-credit.image-credit', (c) => super.delete(c))(ctx);
  },
}));
