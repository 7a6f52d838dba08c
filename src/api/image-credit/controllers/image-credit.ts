import { factories } from '@strapi/strapi';
import { assertDocumentExists } from '../../../utils/assert-document-exists';

export default factories.createCoreController('api::image-credit.image-credit', ({ strapi }) => ({
  async delete(ctx) {
    await assertDocumentExists(strapi, 'api::image-credit.image-credit', ctx.params.id);
    return super.delete(ctx);
  },
}));
