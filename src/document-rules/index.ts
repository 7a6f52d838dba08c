import type { Core } from '@strapi/strapi';
import { registerAiDisclosure } from './ai-disclosure';
import { articleRule } from './article';
import { fieldError } from './errors';
import { imageCreditRule } from './image-credit';
import { prepareArticleForPublish } from './publish';
import { tagRule } from './tag';
import type { DocumentRule, WriteAction } from './types';
import {
  ensureUniqueIndexes,
  isRetryableConflict,
  uniqueViolationField,
  warnAboutDuplicates,
} from '../database/unique-indexes';
import { createKeyedMutex } from '../utils/keyed-mutex';
import { effectiveLocale } from '../utils/locale';

const RULES: Record<string, DocumentRule> = {
  'api::article.article': articleRule,
  'api::tag.tag': tagRule,
  'api::image-credit.image-credit': imageCreditRule,
};

const WRITE_ACTIONS: readonly string[] = ['create', 'update', 'clone'] satisfies WriteAction[];

/** How often a write that lost a uniqueness race to another instance is tried again with a new slug. */
const MAX_ATTEMPTS = 25;

const CONFLICT_MESSAGES = {
  name: 'a tag with this name already exists',
  slug: 'this slug is already used by another entry',
} as const;

interface WriteParams {
  data?: Record<string, unknown>;
  documentId?: string;
  locale?: string;
}

/**
 * Runs the content rules on every write of articles, tags and image credits: create, update and clone
 * (the Content Manager's clone merges its body over the source), and checks an article's draft before it is
 * published (publish, bulk publish, REST `status=published`). Unpublish and discard draft write nothing a
 * caller chose: they delete rows or copy the published row, which passed these rules when it was published.
 *
 * Why a Document Service middleware and not a lifecycle: it sees writes from the REST API, the admin and
 * code alike, runs before anything is written (so a rejected write leaves nothing half-done), and can
 * throw a ValidationError that clients receive as a 400 naming the field.
 *
 * Uniqueness is enforced by the database (../database/unique-indexes.ts). A write that loses a race to another
 * instance fails on the unique index; it is run again with the rules re-applied (a generated slug moves on
 * to the next free one, a name or a typed slug is then reported as taken), and never surfaces as a 500.
 */
export function registerDocumentRules(strapi: Core.Strapi): void {
  // Writes of one type run one at a time in this process, from the slug check to the write, so two
  // simultaneous "Same title" posts get "same-title" and "same-title-2", not the same slug twice.
  const runExclusive = createKeyedMutex();
  // the parameters of retried writes, which pass this middleware untouched (their rules already ran)
  const retries = new WeakSet<object>();

  strapi.documents.use(async (context, next) => {
    const rule = RULES[context.uid];
    const { action } = context;
    if (!rule || retries.has(context.params)) return next();

    if (action === 'publish' && context.uid === 'api::article.article') {
      const { documentId, locale } = context.params as { documentId?: string; locale?: unknown };
      const publish = async () => {
        if (documentId) await prepareArticleForPublish(strapi, documentId, locale);
        return next();
      };
      // The Content Manager's bulk publish starts every document's publish at once (Promise.all) in one
      // transaction: when one is refused, the transaction is rolled back while the others are still
      // running, and their remaining statements escape it. One at a time, a refusal rolls back only
      // publishes that have finished. Only inside a transaction: it already holds its connection, so
      // waiting here cannot block the connection another holder of this lock needs (SQLite has one).
      return strapi.db.inTransaction()
        ? runExclusive(`${context.uid}:publish`, publish)
        : publish();
    }
    if (!WRITE_ACTIONS.includes(action)) return next();

    return runExclusive(context.uid, async () => {
      const original = context.params as WriteParams;
      const data = { ...(original.data ?? {}) };
      const locale = await effectiveLocale(strapi, context.uid, original.locale);
      for (let attempt = 1; ; attempt += 1) {
        const params: WriteParams = { ...original, data: { ...data } };
        await rule({
          strapi,
          action: action as WriteAction,
          data: params.data!,
          documentId: original.documentId,
          locale,
        });
        try {
          if (attempt === 1) {
            context.params = params as typeof context.params;
            return await next();
          }
          retries.add(params);
          const documents = strapi.documents(context.uid) as unknown as Record<
            string,
            (p: unknown) => ReturnType<typeof next>
          >;
          return await documents[action](params);
        } catch (error) {
          const field = uniqueViolationField(error);
          if (!field && !isRetryableConflict(error)) throw error;
          // inside a caller's transaction a failed statement spoils the transaction: no retry possible
          if (strapi.db.inTransaction() || attempt >= MAX_ATTEMPTS) {
            if (field) throw fieldError(field, CONFLICT_MESSAGES[field], params.data?.[field]);
            throw error;
          }
          strapi.log.debug(
            `[publishing] ${context.uid} ${action}: lost a uniqueness race (${field ?? 'deadlock'}), attempt ${attempt + 1}`
          );
        }
      }
    });
  });

  registerAiDisclosure(strapi);

  strapi.hook('strapi::content-types.afterSync').register(async () => {
    warnAboutDuplicates(strapi, await ensureUniqueIndexes(strapi));
  });
}
