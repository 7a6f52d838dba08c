import type { Core } from '@strapi/strapi';
import { getService } from './utils';

/** Writes what is still buffered, stops the flush timer, closes Redis connections. */
export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await getService(strapi, 'counter').close();
};
