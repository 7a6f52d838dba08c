import type { Core } from '@strapi/strapi';
import { getService } from './utils';

/** Closes the Redis connection, if one was opened. */
export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await getService(strapi, 'redis').close();
};
