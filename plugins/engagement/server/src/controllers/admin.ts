import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { enabledNetworks } from '../config';
import { fieldBelongsTo } from '../lib/buffer-keys';
import { getConfig, getService } from '../utils';
import { checkDocumentId, countValue } from './params';

type Ctx = Parameters<Core.MiddlewareHandler>[0];

/** Admin-only routes (admin JWT + the plugin::engagement.manage permission): set and reset a document's counts. */
const admin = ({ strapi }: { strapi: Core.Strapi }) => {
  /** The tracked type and an existing document (draft or published), else 404. */
  const existingDocument = async (ctx: Ctx) => {
    const type = typeof ctx.params.type === 'string' ? getService(strapi, 'documents').byName(ctx.params.type) : undefined;
    if (!type) throw new errors.NotFoundError(`Unknown content type "${String(ctx.params.type)}"`);
    const documentId = checkDocumentId(ctx.params.documentId);
    if (!(await getService(strapi, 'documents').exists(type.uid, documentId))) throw new errors.NotFoundError('No document with this documentId');
    return { type, documentId };
  };

  return {
    /**
     * PUT /engagement/counts/:type/:documentId with {"views": 4633, "shares": {"x": 12}} sets those
     * totals (e.g. migrating from an old site); counts not given are left as they are.
     */
    async set(ctx: Ctx) {
      const { type, documentId } = await existingDocument(ctx);
      const body = ((ctx.request as { body?: unknown }).body ?? {}) as { views?: unknown; shares?: unknown };
      if (typeof body !== 'object' || (body.views === undefined && body.shares === undefined)) {
        throw new errors.ValidationError('Give "views" and/or "shares" ({"network": count})');
      }
      const values: { views?: number; shares?: Record<string, number> } = {};
      if (body.views !== undefined) values.views = countValue('views', body.views);
      if (body.shares !== undefined) {
        if (typeof body.shares !== 'object' || body.shares === null || Array.isArray(body.shares)) throw new errors.ValidationError('"shares" must be an object {"network": count}');
        const networks = enabledNetworks(getConfig(strapi));
        values.shares = {};
        for (const [network, count] of Object.entries(body.shares)) {
          if (!networks.has(network)) throw new errors.ValidationError(`Unknown network "${network}"; one of ${[...networks.keys()].join(', ')}`);
          values.shares[network] = countValue(`shares.${network}`, count);
        }
      }
      await getService(strapi, 'stats').set(type.uid, documentId, values);
      const totals = await getService(strapi, 'stats').totals(type.uid, [documentId]);
      ctx.body = { data: totals.get(documentId) };
    },

    /** DELETE /engagement/counts/:type/:documentId: resets every count of the document (totals and per-day rows). */
    async reset(ctx: Ctx) {
      const { type, documentId } = await existingDocument(ctx);
      await getService(strapi, 'counter').discard((field) => fieldBelongsTo(field, type.uid, documentId));
      await getService(strapi, 'counts').deleteDocument(type.uid, documentId);
      ctx.body = { data: { views: 0, shares: {} } };
    },
  };
};

export default admin;
