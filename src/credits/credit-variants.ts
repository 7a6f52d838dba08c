import type { Core } from '@strapi/strapi';
import { readProvenance } from './provenance';
import { variantRightsFromCredit, type CreditForRights } from './variant-rights';
import { afterCommit } from '../utils/after-commit';
import { errorMessage } from '../utils/error-message';

const CREDIT = 'api::image-credit.image-credit';
const FILE = 'plugin::upload.file';

type RewriteRights = (
  fileId: number,
  rights: ReturnType<typeof variantRightsFromCredit> | null
) => Promise<{ done: Promise<unknown> }>;
type FileRow = {
  id: number;
  provenance?: unknown;
  imageCredit?: (CreditForRights & { id: number }) | null;
};

/** The thumbnails plugin's `variants.rewriteRights`, or undefined when the plugin is not installed. */
const rewriter = (strapi: Core.Strapi): RewriteRights | undefined => {
  const service = strapi.plugin('thumbnails')?.service('variants') as
    | { rewriteRights?: RewriteRights }
    | undefined;
  return service?.rewriteRights?.bind(service);
};

/**
 * Has the thumbnails plugin rewrite these files' variants with the rights of their current credits (or
 * their own metadata when they have none), after the caller's transaction commits, in the background.
 * A failure is logged, never thrown: the credit is saved either way and a later regenerate catches up.
 */
export async function rewriteVariantRights(strapi: Core.Strapi, fileIds: number[]): Promise<void> {
  const rewrite = rewriter(strapi);
  if (!rewrite || fileIds.length === 0) return;
  const files = (await strapi.db
    .query(FILE)
    .findMany({ where: { id: { $in: fileIds } }, populate: { imageCredit: true } })) as FileRow[];
  const jobs = files.map((file) => ({
    id: file.id,
    rights: file.imageCredit
      ? variantRightsFromCredit(file.imageCredit, readProvenance(file.provenance))
      : null,
  }));
  // after the commit: the rewrite reads the file from another connection, and must not run if the change is rolled back
  await afterCommit(strapi, () => {
    for (const job of jobs) {
      rewrite(job.id, job.rights).catch((error: unknown) =>
        strapi.log.warn(
          `[publishing] could not rewrite the rights in the variants of file ${job.id}: ${errorMessage(error)}`
        )
      );
    }
  });
}

/**
 * When an image credit changes, the variants of every file with that credit get the new rights; when it
 * is deleted, they go back to the files' own metadata.
 */
export function syncCreditsToVariants(strapi: Core.Strapi): void {
  const filesOf = async (creditId: number) =>
    (
      (await strapi.db
        .query(FILE)
        .findMany({ select: ['id'], where: { imageCredit: { id: creditId } } })) as Array<{
        id: number;
      }>
    ).map((file) => file.id);

  strapi.db.lifecycles.subscribe({
    models: [CREDIT],
    async afterUpdate(event) {
      const id = (event.result as { id?: number } | undefined)?.id;
      if (id) await rewriteVariantRights(strapi, await filesOf(id));
    },
    async beforeDelete(event) {
      const id = (event.params.where as { id?: unknown } | undefined)?.id;
      event.state.fileIds = typeof id === 'number' ? await filesOf(id) : [];
    },
    async afterDelete(event) {
      await rewriteVariantRights(strapi, (event.state.fileIds as number[] | undefined) ?? []);
    },
  });
}
