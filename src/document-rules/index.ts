import type { Core } from '@strapi/strapi';
import { articleRule } from './article';
import { imageCreditRule } from './image-credit';
import { tagRule } from './tag';
import type { DocumentRule } from './types';
import { createKeyedMutex } from '../utils/keyed-mutex';

const RULES: Record<string, DocumentRule> = {
  'api::article.article': articleRule,
  'api::tag.tag': tagRule,
  'api::image-credit.image-credit': imageCreditRule,
};

/**
 * Runs the content rules on every create and update of articles, tags and image credits.
 *
 * Why a Document Service middleware and not a lifecycle: it sees writes from the REST API, the admin and
 * code alike, runs before anything is written (so a rejected write leaves nothing half-done), and can
 * throw a ValidationError that clients receive as a 400 naming the field.
 */
export function registerDocumentRules(strapi: Core.Strapi): void {
  // Writes of one type run one at a time in this process, from the slug check to the write, so two
  // simultaneous "Same title" posts get "same-title" and "same-title-2", not the same slug twice.
  const runExclusive = createKeyedMutex();
  strapi.documents.use(async (context, next) => {
    const rule = RULES[context.uid];
    const action = context.action;
    if (!rule || (action !== 'create' && action !== 'update')) return next();
    return runExclusive(context.uid, async () => {
      const params = context.params as { data?: Record<string, unknown>; documentId?: string };
      params.data = { ...(params.data ?? {}) };
      await rule({ strapi, action, data: params.data, documentId: action === 'update' ? params.documentId : undefined });
      return next();
    });
  });
}
