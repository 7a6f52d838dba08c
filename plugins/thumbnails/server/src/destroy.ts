import type { Core } from '@strapi/strapi';
import { getService } from './utils';

/**
 * Stops a running "Regenerate all" after its current batch (its checkpoint lets the next run resume) and
 * the C2PA reader's worker thread.
 */
export default async function destroy({ strapi }: { strapi: Core.Strapi }): Promise<void> {
  await getService(strapi, 'regenerate-job').stop();
  await getService(strapi, 'provenance').close();
}
