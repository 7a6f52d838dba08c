import { factories } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { parseFilesToCreditQuery } from '../../../credits/files-to-credit';
import { assertDocumentExists } from '../../../utils/assert-document-exists';

const UID = 'api::image-credit.image-credit';

/** The `:fileId` route parameter as a file id; a 400 naming it otherwise. */
export function parseFileId(value: unknown): number {
  const id = typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(id) || id < 1) {
    throw new errors.ValidationError(
      'fileId must be a positive integer (the id of an upload file)',
      {
        errors: [
          { path: ['fileId'], message: 'must be a positive integer', name: 'ValidationError' },
        ],
      }
    );
  }
  return id;
}

/** The request body's `data` object (the credit fields the editor chose), `{}` when there is none. */
export function parseCreditData(body: unknown): Record<string, unknown> {
  const data = (body as { data?: unknown } | undefined)?.data;
  if (data === undefined) return {};
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new errors.ValidationError('data must be an object of image credit fields', {
      errors: [{ path: ['data'], message: 'must be an object', name: 'ValidationError' }],
    });
  }
  return data as Record<string, unknown>;
}

export default factories.createCoreController(UID, ({ strapi }) => ({
  async delete(ctx) {
    await assertDocumentExists(strapi, UID, ctx.params.id);
    return super.delete(ctx);
  },

  /** GET /image-credits/suggest/:fileId: the credit a file's metadata suggests, and its current credit. */
  async suggest(ctx) {
    const fileId = parseFileId(ctx.params.fileId);
    return { data: await strapi.service(UID).suggestForFile(fileId) };
  },

  /**
   * GET /image-credits/files-to-credit?page=&pageSize=&withCredit= (admin): image files with rights or
   * provenance metadata and no credit (all of them with `withCredit=true`), newest first.
   */
  async filesToCredit(ctx) {
    const query = parseFilesToCreditQuery((ctx.query ?? {}) as Record<string, unknown>);
    return strapi.service(UID).listFilesToCredit(query);
  },

  /**
   * POST /image-credits/from-file/:fileId `{ data: { ...fields } }`: creates the file's credit from its
   * metadata, with the fields sent taking precedence. 201 with the credit.
   */
  async createFromFile(ctx) {
    const fileId = parseFileId(ctx.params.fileId);
    const data = parseCreditData((ctx.request as { body?: unknown }).body);
    const credit = await strapi.service(UID).createFromFile(fileId, data);
    ctx.status = 201;
    return { data: credit };
  },
}));
