import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { EngagementSettings, EngagementTotals } from '../../../shared/contracts';
import { enabledNetworks } from '../config';
import { fieldBelongsTo } from '../lib/buffer-keys';
import { getConfig, getService } from '../utils';
import { checkDocumentId, choiceParam, countValue, intParam, periodParam } from './params';

/** At most this many documentIds per totals request (one list page of the Content Manager). */
const MAX_TOTALS_IDS = 200;

/** Quotes a CSV field when it needs it. */
const csvField = (value: string | number): string =>
  /[",\n]/.test(String(value)) ? `"${String(value).replace(/"/g, '""')}"` : String(value);

type Ctx = Parameters<Core.MiddlewareHandler>[0];

/**
 * Admin-only routes for the admin UI (admin JWT; plugin::engagement.read to read figures of drafts and
 * published documents alike, plugin::engagement.manage to set and reset counts).
 */
const admin = ({ strapi }: { strapi: Core.Strapi }) => {
  /** The tracked type and an existing document (draft or published), else 404. */
  const existingDocument = async (ctx: Ctx) => {
    const type =
      typeof ctx.params.type === 'string'
        ? getService(strapi, 'published-cache').byName(ctx.params.type)
        : undefined;
    if (!type) throw new errors.NotFoundError(`Unknown content type "${String(ctx.params.type)}"`);
    const documentId = checkDocumentId(ctx.params.documentId);
    if (!(await getService(strapi, 'published-cache').exists(type.uid, documentId)))
      throw new errors.NotFoundError('No document with this documentId');
    return { type, documentId };
  };

  const trackedType = (name: unknown) => {
    const type =
      typeof name === 'string' ? getService(strapi, 'published-cache').byName(name) : undefined;
    if (!type) throw new errors.NotFoundError(`Unknown content type "${String(name)}"`);
    return type;
  };

  return {
    /** GET /engagement/settings: tracked types, enabled networks, the applied config (no Redis URL) and flush health. */
    async settings(ctx: Ctx) {
      const config = getConfig(strapi);
      const { redis, ...rest } = config;
      ctx.body = {
        data: {
          types: getService(strapi, 'published-cache')
            .types()
            .map((type) => ({ uid: type.uid, name: type.singularName })),
          networks: [...enabledNetworks(config).keys()],
          config: { ...rest, redis: { keyPrefix: redis.keyPrefix } },
          health: await getService(strapi, 'counter').health(),
        } satisfies EngagementSettings,
      };
    },

    /** GET /engagement/totals/:type?documentIds=a,b: views and shares per document (the list view's column), one query. */
    async totals(ctx: Ctx) {
      const type = trackedType(ctx.params.type);
      const raw = typeof ctx.query.documentIds === 'string' ? ctx.query.documentIds : '';
      const ids = raw.split(',').filter(Boolean);
      if (ids.length === 0 || ids.length > MAX_TOTALS_IDS)
        throw new errors.ValidationError(
          `"documentIds" must list 1 to ${MAX_TOTALS_IDS} documentIds, comma-separated`
        );
      for (const id of ids)
        if (!/^[A-Za-z0-9_-]{1,64}$/.test(id))
          throw new errors.ValidationError(`"${id}" is not a documentId`);
      const data: Record<string, EngagementTotals> = Object.fromEntries(
        await getService(strapi, 'stats').summaries(type.uid, ids)
      );
      ctx.body = { data };
    },

    /** GET /engagement/popular/:type: the public popular list, for the admin's widgets. */
    async popular(ctx: Ctx) {
      const { popular } = getConfig(strapi);
      const type = trackedType(ctx.params.type);
      const period = periodParam(ctx.query.period);
      const by = choiceParam('by', ctx.query.by, ['views', 'shares'] as const, 'views');
      const limit = intParam('limit', ctx.query.limit, popular.defaultLimit, 1, popular.maxLimit);
      ctx.body = { data: await getService(strapi, 'stats').popular(type.uid, period, by, limit) };
    },

    /** GET /engagement/stats/:type/:documentId?days=: figures of any existing document, drafts included (the edit view's panel). */
    async stats(ctx: Ctx) {
      const { stats } = getConfig(strapi);
      const days = intParam('days', ctx.query.days, stats.defaultDays, 1, stats.maxDays);
      const { type, documentId } = await existingDocument(ctx);
      ctx.body = { data: await getService(strapi, 'stats').document(type.uid, documentId, days) };
    },

    /** GET /engagement/export/:type/:documentId?days=: the per-day figures as CSV (date, views, shares). */
    async exportDaily(ctx: Ctx) {
      const { stats } = getConfig(strapi);
      const days = intParam('days', ctx.query.days, stats.maxDays, 1, stats.maxDays);
      const { type, documentId } = await existingDocument(ctx);
      const figures = await getService(strapi, 'stats').document(type.uid, documentId, days);
      const lines = [
        'date,views,shares',
        ...figures.daily.map((day) => [day.date, day.views, day.shares].map(csvField).join(',')),
      ];
      ctx.set(
        'Content-Disposition',
        `attachment; filename="${type.singularName}-${documentId}-daily.csv"`
      );
      ctx.type = 'text/csv; charset=utf-8';
      ctx.body = `${lines.join('\n')}\n`;
    },

    /**
     * PUT /engagement/counts/:type/:documentId with {"views": 4633, "shares": {"x": 12}} sets those
     * totals (e.g. migrating from an old site); counts not given are left as they are.
     */
    async set(ctx: Ctx) {
      const { type, documentId } = await existingDocument(ctx);
      const body = ((ctx.request as { body?: unknown }).body ?? {}) as {
        views?: unknown;
        shares?: unknown;
      };
      if (typeof body !== 'object' || (body.views === undefined && body.shares === undefined)) {
        throw new errors.ValidationError('Give "views" and/or "shares" ({"network": count})');
      }
      const values: { views?: number; shares?: Record<string, number> } = {};
      if (body.views !== undefined) values.views = countValue('views', body.views);
      if (body.shares !== undefined) {
        if (typeof body.shares !== 'object' || body.shares === null || Array.isArray(body.shares))
          throw new errors.ValidationError('"shares" must be an object {"network": count}');
        const networks = enabledNetworks(getConfig(strapi));
        values.shares = {};
        for (const [network, count] of Object.entries(body.shares)) {
          if (!networks.has(network))
            throw new errors.ValidationError(
              `Unknown network "${network}"; one of ${[...networks.keys()].join(', ')}`
            );
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
      await getService(strapi, 'counter').discard((field) =>
        fieldBelongsTo(field, type.uid, documentId)
      );
      await getService(strapi, 'tables').deleteDocument(type.uid, documentId);
      ctx.body = { data: { views: 0, shares: {} } };
    },
  };
};

export default admin;
