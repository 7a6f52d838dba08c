import { randomBytes } from 'node:crypto';

const secret = () => randomBytes(16).toString('base64');

/** Fresh random values for every secret Strapi refuses to start without (test and bench apps). */
export const throwawaySecrets = (): Record<string, string> => ({
  APP_KEYS: [secret(), secret()].join(','),
  API_TOKEN_SALT: secret(),
  ADMIN_JWT_SECRET: secret(),
  TRANSFER_TOKEN_SALT: secret(),
  JWT_SECRET: secret(),
  ENCRYPTION_KEY: secret(),
});
