import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::image-credit.image-credit');
