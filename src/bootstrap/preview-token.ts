import type { Core } from '@strapi/strapi';
import { READ_DRAFTS_ACTION } from '../drafts/read-drafts';

/** The name of the development Preview token in Settings → API Tokens. */
export const PREVIEW_TOKEN_NAME = 'Preview (development)';

/**
 * What the frontend's Preview reads with: an article by slug, and drafts. Nothing else, so the token is
 * worth little if it leaks (see README "Drafts and previews").
 */
export const PREVIEW_TOKEN_ACTIONS = [
  'api::article.article.findBySlug',
  READ_DRAFTS_ACTION,
] as const;

interface TokenService {
  hash(accessKey: string): string;
  getByAccessKey(hash: string): Promise<{ id: number; permissions?: string[] } | null>;
  getByName(name: string): Promise<{ id: number } | null>;
  create(attributes: Record<string, unknown>): Promise<{ id: number }>;
  update(id: number, attributes: Record<string, unknown>): Promise<unknown>;
}

/**
 * `npm run develop`: makes sure the custom API token whose key is `accessKey` (PREVIEW_API_TOKEN, written
 * into `.env` on the first run by scripts/ensure-env.js and handed to `next dev` by scripts/develop.js)
 * exists with exactly {@link PREVIEW_TOKEN_ACTIONS}, so Strapi's "Open preview" works with no manual
 * step. Idempotent: a token with that key is only corrected; a token of that name with another key (a
 * new `.env`) takes the new key. Called only in development: in production an admin creates the token
 * and configures the frontend with it. Returns what it did.
 */
export async function ensurePreviewToken(
  strapi: Core.Strapi,
  accessKey: string
): Promise<'created' | 'updated' | 'unchanged'> {
  const tokens = strapi.service('admin::api-token-content-api') as unknown as TokenService;
  const encryption = strapi.service('admin::encryption') as unknown as {
    encrypt(value: string): string | null;
  };
  const hash = tokens.hash(accessKey);
  const permissions = [...PREVIEW_TOKEN_ACTIONS];
  const existing = await tokens.getByAccessKey(hash);
  if (existing) {
    const have = [...(existing.permissions ?? [])].sort();
    if (have.join() === [...permissions].sort().join()) return 'unchanged';
    await tokens.update(existing.id, { type: 'custom', permissions });
    return 'updated';
  }
  const named = await tokens.getByName(PREVIEW_TOKEN_NAME);
  const token =
    named ??
    (await tokens.create({
      name: PREVIEW_TOKEN_NAME,
      description:
        'Made by `npm run develop` for the reference frontend’s Preview (PREVIEW_API_TOKEN in .env).',
      type: 'custom',
      lifespan: null,
      permissions,
    }));
  if (named) await tokens.update(named.id, { type: 'custom', permissions });
  // Strapi's own service only makes random keys: this token's key is the one `.env` already holds.
  await strapi.db.query('admin::api-token').update({
    where: { id: token.id },
    data: { accessKey: hash, encryptedKey: encryption.encrypt(accessKey) },
  });
  return named ? 'updated' : 'created';
}
