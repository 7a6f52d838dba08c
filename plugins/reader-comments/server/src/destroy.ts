import type { Core } from '@strapi/strapi';
import { getService } from './utils';

/** Stops the email sender (waiting for a pass under way) and closes the Redis connection, if one was opened. */
export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await getService(strapi, 'outbox').stop();
  await getService(strapi, 'redis').close();
};
