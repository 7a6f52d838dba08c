import type { Core } from '@strapi/strapi';
import Redis from 'ioredis';
import { errorMessage, getConfig } from '../utils';

/**
 * The plugin's Redis connection when `redis` is configured (several instances share used challenges and
 * rate limits through it), built on first use; null without Redis (then the database and memory serve).
 */
const createRedisService = ({ strapi }: { strapi: Core.Strapi }) => {
  let client: Redis | null | undefined;
  return {
    /** The connection, or null when no Redis is configured. */
    client(): Redis | null {
      if (client !== undefined) return client;
      const settings = getConfig(strapi).redis;
      if (!settings) return (client = null);
      client = new Redis(settings.url, {
        keyPrefix: settings.keyPrefix,
        maxRetriesPerRequest: 2,
        enableOfflineQueue: true,
        lazyConnect: false,
      });
      client.on('error', (error) =>
        strapi.log.warn(`[reader-comments] Redis: ${errorMessage(error)}`)
      );
      return client;
    },

    /** Closes the connection (plugin destroy). */
    async close(): Promise<void> {
      if (!client) return;
      const closing = client;
      client = undefined;
      await closing.quit().catch((error: unknown) => {
        strapi.log.warn(`[reader-comments] Redis did not close cleanly: ${errorMessage(error)}`);
        closing.disconnect();
      });
    },
  };
};

export type RedisService = ReturnType<typeof createRedisService>;
export default createRedisService;
