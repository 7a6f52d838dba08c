import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { VIEW_METRIC, shareMetric } from '../lib/buffer-keys';
import { clientAddress } from '../lib/client-address';
import { isSpeculative, isTopLevelNavigation } from '../lib/request-intent';
import { fillTemplate, placeholders } from '../lib/share-urls';
import { enabledNetworks } from '../config';
import type { TrackedType } from '../services/published-cache';
import { countingRefused } from '../middlewares/rate-limit';
import { getConfig, getService } from '../utils';
import {
  checkDocumentId,
  choiceParam,
  intParam,
  localeParam,
  networkFrom,
  periodParam,
} from './params';

type Ctx = Parameters<Core.MiddlewareHandler>[0];

/**
 * The public engagement API. Thin: parameters are checked here (404/400 before anything is counted),
 * the work happens in the services.
 */
const engagement = ({ strapi }: { strapi: Core.Strapi }) => {
  // Looked up once: the view route is the hot path, every lookup through the container costs.
  let publishedService: ReturnType<typeof getService<'published-cache'>> | undefined;
  let counterService: ReturnType<typeof getService<'counter'>> | undefined;
  const publishedCache = () => (publishedService ??= getService(strapi, 'published-cache'));
  const counter = () => (counterService ??= getService(strapi, 'counter'));

  const trackedType = (name: unknown): TrackedType => {
    const type = typeof name === 'string' ? publishedCache().byName(name) : undefined;
    if (!type) throw new errors.NotFoundError(`Unknown content type "${String(name)}"`);
    return type;
  };

  /** The tracked type and a documentId with a published version (cache lookup; the database only on a miss), else 404. */
  const publishedDocument = async (
    ctx: Ctx
  ): Promise<{ type: TrackedType; documentId: string }> => {
    const type = trackedType(ctx.params.type);
    const documentId = checkDocumentId(ctx.params.documentId);
    if (
      !publishedCache().isPublished(type.uid, documentId) &&
      !(await publishedCache().checkPublished(type.uid, documentId))
    ) {
      throw new errors.NotFoundError('No published document with this documentId');
    }
    return { type, documentId };
  };

  /**
   * The requester (Public role, user or API token) may read the type's documents through its own API
   * (`find` for lists, `findOne` for one document), else 403: the engagement routes never show titles,
   * slugs or figures of a type the requester could not read.
   */
  const mayRead = async (ctx: Ctx, uid: string, action: 'find' | 'findOne') => {
    await strapi.get('auth').verify(ctx.state.auth, { scope: [`${uid}.${action}`] });
  };

  const network = (value: unknown): { name: string; page: string | null } => {
    const networks = enabledNetworks(getConfig(strapi));
    if (typeof value !== 'string' || !networks.has(value)) {
      throw new errors.ValidationError(
        `"network" must be one of ${[...networks.keys()].join(', ')}`
      );
    }
    return { name: value, page: networks.get(value) ?? null };
  };

  const record = async (ctx: Ctx, uid: string, documentId: string, metric: string) =>
    !countingRefused(ctx) &&
    counter().record({
      uid,
      documentId,
      metric,
      ip: clientAddress(ctx.request.ip),
      userAgent: ctx.get('user-agent') || undefined,
    });

  const header = (ctx: Ctx) => (name: string) => ctx.get(name);

  return {
    /**
     * POST /api/engagement/:type/:documentId/view → 202 {data: {counted}}. Any body is ignored (sendBeacon
     * sends text/plain). A prefetch or prerender is answered but not counted: nobody has seen the page yet.
     */
    async view(ctx: Ctx) {
      const { type, documentId } = await publishedDocument(ctx);
      const counted = isSpeculative(header(ctx))
        ? false
        : await record(ctx, type.uid, documentId, VIEW_METRIC);
      ctx.status = 202;
      ctx.body = { data: { counted } };
    },

    /** POST /api/engagement/:type/:documentId/share with {"network": "..."} → 202 {data: {counted}}. */
    async share(ctx: Ctx) {
      const { type, documentId } = await publishedDocument(ctx);
      const { name } = network(
        networkFrom((ctx.request as { body?: unknown }).body, ctx.query as Record<string, unknown>)
      );
      const counted = await record(ctx, type.uid, documentId, shareMetric(name));
      ctx.status = 202;
      ctx.body = { data: { counted } };
    },

    /**
     * GET /api/engagement/share/:network/:type/:documentId?locale= → 302 to the network's share page for
     * the document's public URL, counting the share. For a localized type the URL is that of the version
     * in `locale` (the default locale when absent; 400 for a locale that is not configured, 404 when the
     * document has no published version in it), so a share from a translated page shares that page. Only
     * configured share page templates are targets. Only a top-level navigation counts: an <img>,
     * <script> or fetch() on another page is redirected all the same, uncounted, so embedding the link
     * elsewhere cannot inflate the figures.
     */
    async shareRedirect(ctx: Ctx) {
      const { name, page } = network(ctx.params.network);
      if (!page)
        throw new errors.ValidationError(
          `"${name}" has no share page to redirect to; count it with POST .../share`
        );
      const locale = await localeParam(strapi, trackedType(ctx.params.type).uid, ctx.query.locale);
      const { type, documentId } = await publishedDocument(ctx);
      const publicUrl = getConfig(strapi).publicUrls[type.uid];
      if (!publicUrl)
        throw new errors.NotFoundError(
          `No public URL is configured for "${type.singularName}" (engagement config publicUrls)`
        );
      const needed = [
        ...new Set([
          ...placeholders(publicUrl).filter((field) => field !== 'documentId'),
          ...(type.listFields.includes('title') ? ['title'] : []),
        ]),
      ];
      const doc = await publishedCache().findPublished(type.uid, documentId, needed, locale);
      if (!doc)
        throw new errors.NotFoundError(
          locale
            ? `No published version of this document in locale "${locale}"`
            : 'No published document with this documentId'
        );
      const url = fillTemplate(publicUrl, { ...doc, documentId });
      if (!url)
        throw new errors.NotFoundError(
          'This document has no public URL (a field of the URL template is empty)'
        );
      const target = fillTemplate(page, {
        url,
        title: typeof doc.title === 'string' && doc.title ? doc.title : url,
      }) as string;
      if (isTopLevelNavigation(header(ctx)) && !isSpeculative(header(ctx)))
        await record(ctx, type.uid, documentId, shareMetric(name));
      ctx.redirect(target);
    },

    /**
     * GET /api/engagement/:type/:documentId?days=30&locale= → totals, shares per network, daily figures.
     * The figures are the document's across all locales; for a localized type the document must have a
     * published version in `locale` (the default locale when absent), as for Strapi's own findOne.
     */
    async stats(ctx: Ctx) {
      const { stats } = getConfig(strapi);
      const days = intParam('days', ctx.query.days, stats.defaultDays, 1, stats.maxDays);
      await mayRead(ctx, trackedType(ctx.params.type).uid, 'findOne');
      const locale = await localeParam(strapi, trackedType(ctx.params.type).uid, ctx.query.locale);
      const { type, documentId } = await publishedDocument(ctx);
      if (
        locale &&
        !(await publishedCache().findPublished(type.uid, documentId, ['documentId'], locale))
      ) {
        throw new errors.NotFoundError(
          `No published version of this document in locale "${locale}"`
        );
      }
      ctx.body = {
        data: await getService(strapi, 'stats').document(type.uid, documentId, days),
        ...(locale ? { meta: { locale } } : {}),
      };
    },

    /**
     * GET /api/engagement/:type/popular?period=day|week|month|all&by=views|shares&limit=10&locale= → ranked
     * documents. For a localized type: documents with a published version in `locale` (the default locale
     * when absent), with that version's title and slug, ranked by their counts across all locales.
     */
    async popular(ctx: Ctx) {
      const { popular } = getConfig(strapi);
      const type = trackedType(ctx.params.type);
      await mayRead(ctx, type.uid, 'find');
      const period = periodParam(ctx.query.period);
      const by = choiceParam('by', ctx.query.by, ['views', 'shares'] as const, 'views');
      const limit = intParam('limit', ctx.query.limit, popular.defaultLimit, 1, popular.maxLimit);
      const locale = await localeParam(strapi, type.uid, ctx.query.locale);
      const data = await getService(strapi, 'stats').popular(type.uid, period, by, limit, locale);
      ctx.body = { data, meta: { period, by, limit, ...(locale ? { locale } : {}) } };
    },
  };
};

export default engagement;
