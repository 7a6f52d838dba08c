import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { getConfig, getService } from '../utils';

const DOCUMENT_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The admin acting, as the settings table records it. */
const adminName = (ctx: Context): string => {
  const user = ctx.state.user as {
    id: number;
    firstname?: string;
    lastname?: string;
    email?: string;
  };
  return (
    [user.firstname, user.lastname].filter(Boolean).join(' ') || user.email || `admin ${user.id}`
  );
};

const bodyOf = (ctx: Context): Record<string, unknown> => {
  const body = (ctx.request as { body?: unknown }).body;
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new errors.ValidationError('The body must be a JSON object');
  return body as Record<string, unknown>;
};

/**
 * Admin routes of the settings page and the edit-view panel: a document's counts and mode, the word
 * lists, the pre-moderation rules on related documents, and the queues' counts.
 */
const settingsController = ({ strapi }: { strapi: Core.Strapi }) => {
  const settings = () => getService(strapi, 'settings');

  /** A commented type's uid and a documentId from the path, else 404. */
  const documentOf = (ctx: Context): { uid: string; documentId: string } => {
    const { uid, documentId } = ctx.params as { uid?: string; documentId?: string };
    if (typeof uid !== 'string' || !getConfig(strapi).contentTypes.includes(uid))
      throw new errors.NotFoundError(`${String(uid).slice(0, 80)} does not take comments`);
    if (typeof documentId !== 'string' || !DOCUMENT_ID.test(documentId))
      throw new errors.NotFoundError('No such document');
    return { uid, documentId };
  };

  return {
    /** GET /documents/:uid/:documentId — the document's counts per queue and its mode. */
    async document(ctx: Context) {
      const subject = documentOf(ctx);
      const [counts, mode] = await Promise.all([
        getService(strapi, 'queue-counts').of(subject),
        settings().documentMode(subject.uid, subject.documentId),
      ]);
      ctx.body = { data: { ...subject, mode, counts } };
    },

    /** PUT /documents/:uid/:documentId { mode } — open, pre-moderated or closed. */
    async setDocumentMode(ctx: Context) {
      const subject = documentOf(ctx);
      const exists = await strapi.db
        .query(subject.uid as never)
        .findOne({ select: ['id'], where: { documentId: subject.documentId } });
      if (!exists) throw new errors.NotFoundError(`No document ${subject.documentId}`);
      const mode = await settings().setDocumentMode(
        subject.uid,
        subject.documentId,
        bodyOf(ctx).mode,
        adminName(ctx)
      );
      ctx.body = {
        data: { ...subject, mode, counts: await getService(strapi, 'queue-counts').of(subject) },
      };
    },

    /** GET /queue-counts — pending, reported and spam (and approved) comments, in one query. */
    async queueCounts(ctx: Context) {
      ctx.body = { data: await getService(strapi, 'queue-counts').of() };
    },

    /** GET /settings/words — the word lists in force. */
    async words(ctx: Context) {
      ctx.body = { data: await settings().words() };
    },

    /** PUT /settings/words { words } — replaces the word lists. */
    async saveWords(ctx: Context) {
      ctx.body = { data: await settings().saveWords(bodyOf(ctx).words) };
    },

    /** GET /settings/pre-moderation — the rules on related documents, and the fields they can use. */
    async preModeration(ctx: Context) {
      ctx.body = {
        data: { rules: await settings().relatedRules(), fields: settings().relationFields() },
      };
    },

    /** PUT /settings/pre-moderation { rules } — replaces the rules. */
    async savePreModeration(ctx: Context) {
      ctx.body = {
        data: {
          rules: await settings().saveRelatedRules(bodyOf(ctx).rules),
          fields: settings().relationFields(),
        },
      };
    },

    /** GET /settings/related?target=api::tag.tag — documents a rule can name. */
    async relatedOptions(ctx: Context) {
      const { target } = ctx.query as { target?: unknown };
      if (typeof target !== 'string')
        throw new errors.ValidationError('"target" must be a content type uid');
      ctx.body = { data: await settings().relatedOptions(target) };
    },
  };
};

export default settingsController;
