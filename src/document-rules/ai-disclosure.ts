import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { loadArticleImages } from '../credits/article-images';
import { checkAiDisclosure, type ImageUse } from '../credits/disclosure';

const UID = 'api::article.article';

type Params = { documentId?: string; locale?: string; status?: string };

/**
 * Applies {@link assertAiDisclosure} to every publish of an article: the publish action (Content
 * Manager publish and bulk publish, code), and create/update with `status: 'published'` (REST
 * `?status=published`), which Strapi publishes inside the same call without a separate publish action.
 *
 * Why registered after the content rules' middleware: it then runs inside it, on the completed data,
 * and per write attempt. A create/update that publishes is wrapped in a transaction (joined when the
 * caller has one) so a refusal rolls back the draft it wrote: the client gets a 400 and nothing is left.
 */
export function registerAiDisclosure(strapi: Core.Strapi): void {
  strapi.documents.use(async (context, next) => {
    if (context.uid !== UID) return next();
    const params = context.params as Params;
    if (context.action === 'publish') {
      if (params.documentId) await assertAiDisclosure(strapi, params.documentId, params.locale);
      return next();
    }
    if (
      (context.action === 'create' || context.action === 'update') &&
      params.status === 'published'
    ) {
      return strapi.db.transaction(async () => {
        const result = await next();
        const documentId =
          (result as { documentId?: string } | null)?.documentId ?? params.documentId;
        if (documentId) await assertAiDisclosure(strapi, documentId, params.locale);
        return result;
      });
    }
    return next();
  });
}

type DraftRow = { id: number; cover?: { id: number } | null; coverCredit?: any; body?: unknown };

/**
 * The AI disclosure rule at publish time (config `publishing.requireAiDisclosure`, on by default): an
 * article whose cover or body image is marked AI-made by its file (IPTC digital source type or C2PA),
 * while that image's effective credit does not say `aiGenerated`, is refused with a 400 naming the image
 * and the field (`coverCredit` or `body`); nothing is published. A credit that says AI-made on a file that
 * says otherwise is logged as a warning, not refused.
 *
 * Reads the draft rows being published (one per locale when the type is localized; only `locale` when given).
 */
export async function assertAiDisclosure(
  strapi: Core.Strapi,
  documentId: string,
  locale?: string
): Promise<void> {
  if (strapi.config.get<boolean>('publishing.requireAiDisclosure', true) === false) return;
  const where: Record<string, unknown> = { documentId, publishedAt: null };
  if (locale && locale !== '*' && 'locale' in strapi.contentType(UID).attributes)
    where.locale = locale;
  const drafts = (await strapi.db
    .query(UID)
    .findMany({ where, populate: { cover: true, coverCredit: true } })) as DraftRow[];

  for (const draft of drafts) {
    const images = await loadArticleImages(strapi, draft);
    const uses: ImageUse[] = [];
    if (images.cover) {
      uses.push({
        field: 'coverCredit',
        label: `The cover image "${images.cover.file.name}"`,
        provenance: images.cover.file.provenance,
        credit: images.cover.credit,
      });
    }
    for (const { ref, file, credit } of images.body) {
      if (file)
        uses.push({
          field: 'body',
          label: `The body image "${file.name}" (block ${ref.index + 1})`,
          provenance: file.provenance,
          credit,
        });
    }
    const { refusals, warnings } = checkAiDisclosure(uses);
    for (const warning of warnings)
      strapi.log.warn(`[publishing] article ${documentId}: ${warning.message}`);
    if (refusals.length > 0) {
      throw new errors.ValidationError(refusals.map((refusal) => refusal.message).join('; '), {
        errors: refusals.map((refusal) => ({
          path: [refusal.field],
          message: refusal.message,
          name: 'ValidationError',
        })),
      });
    }
  }
}
