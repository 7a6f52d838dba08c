import { factories } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { rewriteVariantRights } from '../../../credits/credit-variants';
import {
  describeFileToCredit,
  type FileToCredit,
  type FileToCreditRow,
  type FilesToCreditQuery,
} from '../../../credits/files-to-credit';
import type { FileProvenance } from 'strapi-plugin-thumbnails/shared';
import { readProvenance } from '../../../credits/provenance';
import { fillFromSuggestion, suggestCredit, type CreditSuggestion } from '../../../credits/suggest';
import { createKeyedMutex } from '../../../utils/keyed-mutex';

const CREDIT = 'api::image-credit.image-credit';
const FILE = 'plugin::upload.file';

/** The credit fields an API answer shows (no relations). */
export const CREDIT_FIELDS = [
  'documentId',
  'creator',
  'copyrightHolder',
  'year',
  'license',
  'sourceUrl',
  'aiGenerated',
  'aiTool',
  'creditLine',
] as const;

export type CreditRow = { id: number } & Partial<Record<(typeof CREDIT_FIELDS)[number], any>>;

interface FileRow {
  id: number;
  name: string;
  url: string;
  mime?: string | null;
  provenance?: unknown;
  imageCredit?: CreditRow | null;
}

/** What the file says about itself, and the credit it already has. */
export interface FileCreditSuggestion {
  file: { id: number; name: string; url: string };
  provenance: FileProvenance | null;
  /** null when the file carries nothing a credit could be built from */
  suggestion: CreditSuggestion | null;
  /** the file's own credit; when set, "create from file" leaves it alone */
  credit: Record<string, unknown> | null;
}

/** One page of image files with rights or provenance metadata, each with its suggestion and credit. */
export interface FilesToCreditPage {
  data: Array<FileToCredit & { credit: Record<string, unknown> | null }>;
  meta: { pagination: { page: number; pageSize: number; pageCount: number; total: number } };
}

/** A credit row as answers show it: the fields above, nothing else. */
export const pickCredit = (row: CreditRow | null | undefined): Record<string, unknown> | null =>
  row ? Object.fromEntries(CREDIT_FIELDS.map((field) => [field, row[field] ?? null])) : null;

export default factories.createCoreService(CREDIT, ({ strapi }) => {
  // two "create from file" clicks for one file run one after the other: the second sees the first's credit
  const perFile = createKeyedMutex();
  const loadFile = async (fileId: number): Promise<FileRow> => {
    const file = (await strapi.db
      .query(FILE)
      .findOne({ where: { id: fileId }, populate: { imageCredit: true } })) as FileRow | null;
    if (!file) throw new errors.NotFoundError(`No file with id ${fileId}`);
    return file;
  };

  /** Creates the credit of a file that has none (see createFromFile); callers hold the file's lock. */
  const createForUncreditedFile = async (
    fileId: number,
    edited: Record<string, unknown>
  ): Promise<Record<string, unknown>> => {
    const file = await loadFile(fileId);
    if (file.imageCredit) {
      throw new errors.ValidationError(
        `The file "${file.name}" already has a credit (${file.imageCredit.documentId}); edit that credit instead`,
        {
          errors: [
            {
              path: ['imageCredit'],
              message: 'the file already has a credit',
              name: 'ValidationError',
            },
          ],
        }
      );
    }
    const data = fillFromSuggestion(edited, suggestCredit(readProvenance(file.provenance)));
    // the credit and its link to the file are written together, or neither is
    return strapi.db.transaction(async () => {
      const created = (await strapi
        .documents(CREDIT)
        .create({ data: data as never })) as unknown as CreditRow;
      await strapi.db
        .query(FILE)
        .update({ where: { id: file.id }, data: { imageCredit: created.id } });
      await rewriteVariantRights(strapi, [file.id]);
      return pickCredit(created)!;
    });
  };

  return {
    /**
     * The credit a file's own metadata suggests (creator, holder, year, license, AI marking), and the
     * credit it already has. Writes nothing.
     */
    async suggestForFile(fileId: number): Promise<FileCreditSuggestion> {
      const file = await loadFile(fileId);
      const provenance = readProvenance(file.provenance);
      return {
        file: { id: file.id, name: file.name, url: file.url },
        provenance,
        suggestion: suggestCredit(provenance),
        credit: pickCredit(file.imageCredit),
      };
    },

    /**
     * Image files that carry rights or AI provenance metadata, newest first, one page at a time: by
     * default only those without a credit (the files an editor still has to credit), with `withCredit`
     * also the credited ones. Writes nothing.
     *
     * The filter runs in SQL on every database, so pages and totals are exact: the thumbnails plugin
     * stores `provenance` as NULL when an image carries none of the fields (never an empty object), so
     * "has metadata" is `provenance IS NOT NULL`.
     */
    async listFilesToCredit({
      page,
      pageSize,
      withCredit,
    }: FilesToCreditQuery): Promise<FilesToCreditPage> {
      const where: Record<string, unknown> = {
        mime: { $startsWith: 'image/' },
        provenance: { $notNull: true },
      };
      if (!withCredit) where.imageCredit = { id: { $null: true } };
      const { results, pagination } = (await strapi.db.query(FILE).findPage({
        select: ['id', 'name', 'url', 'formats', 'provenance', 'createdAt'],
        where,
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        populate: { imageCredit: true },
        page,
        pageSize,
      })) as {
        results: Array<FileToCreditRow & { imageCredit?: CreditRow | null }>;
        pagination: FilesToCreditPage['meta']['pagination'];
      };
      return {
        data: results.map((row) => ({
          ...describeFileToCredit(row),
          credit: pickCredit(row.imageCredit),
        })),
        meta: { pagination },
      };
    },

    /**
     * Creates an image credit for a file that has none and links it to the file: the fields the editor
     * sent win, the file's metadata fills the rest. A file that already has a credit keeps it (400): an
     * editor's credit is never replaced. The credit rules apply (e.g. `aiTool` is required with `aiGenerated`).
     */
    async createFromFile(
      fileId: number,
      edited: Record<string, unknown>
    ): Promise<Record<string, unknown>> {
      return perFile(String(fileId), () => createForUncreditedFile(fileId, edited));
    },
  };
});
